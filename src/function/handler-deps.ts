import type { Clock } from '../core/clock';
import type { LogisticsApi } from '../core/wechat/logistics';
import type { Logger } from '../core/logger';
import type { MessagingApi } from '../core/wechat/messaging';
import type { RobotPost } from '../core/alerts/robots/robot-post';
import type { BalanceHistory } from './balance-history';
import type { Caller } from './access/caller';
import type { Database } from './database';

/** What the handler is built from: the transports, the clock, the log and the environment, all injected. */
export interface HandlerDeps {
  logistics: LogisticsApi;
  messaging: MessagingApi;
  /** How the alerts post to a group robot (node's https in the cloud). */
  robotPost: RobotPost;
  /** The cloud database that holds the alert memory and claims; opened on first use. */
  openDatabase: () => Database;
  /**
   * Live balances over time, for the run-out forecast and the history event: the cloud database's
   * `quota_history` unless given (tests and benchmarks give one in memory).
   */
  history?: BalanceHistory;
  /** The invoking user and source, from the platform (never from the event). */
  getCaller: () => Caller;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  log: Logger;
}
