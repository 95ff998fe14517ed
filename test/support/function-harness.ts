import type { Logger, LogFields } from '../../src/core/logger';
import type { MessagingApi } from '../../src/core/wechat/messaging';
import sampleState from '../../emulator/sample-state.json';
import { createInProcessOpenApi } from '../../emulator/in-process-openapi';
import type { ModelStateInput } from '../../emulator/state';
import { WechatModel } from '../../emulator/wechat-model';
import type { Caller } from '../../src/function/access/authorize';
import { createHandler } from '../../src/function/handler';
import { FakeClock } from '../../emulator/fake-clock';
import { CloudDatabase } from '../../emulator/cloud-database';
import { createInProcessDatabase } from '../../emulator/in-process-database';
import { plantAlertSubscriptions } from './subscriptions';
import { MapBalanceHistory } from '../../emulator/map-balance-history';

export const ADMIN_OPENID = 'oAdmin000000000000000000001';

export interface HarnessOptions {
  state?: ModelStateInput;
  /** Another harness's WeChat model, to play a second instance or a later run against the same WeChat. */
  model?: WechatModel;
  source?: string;
  openId?: string;
  /** More of what the cloud says about the caller, such as a cross-account call's FROM_APPID. */
  caller?: Omit<Caller, 'openId' | 'source'>;
  admins?: string | undefined;
  /** More of the function's environment variables. */
  env?: Record<string, string>;
  random?: number;
  clock?: FakeClock;
  /** The cloud database, shared between runs to give them a memory. */
  database?: CloudDatabase;
  /** Wraps the subscribe-message transport, to play what the SDK does around WeChat's answer. */
  wrapMessaging?: (messaging: MessagingApi) => MessagingApi;
  /** Acceptances of the alert template each admin has in a new model; see plantAlertSubscriptions. */
  acceptances?: number;
  /** The balance history, shared between runs like the database. */
  history?: MapBalanceHistory;
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields | undefined;
}

export function captureLog(): { log: Logger; logs: LogLine[] } {
  const logs: LogLine[] = [];
  const log: Logger = {
    info: (message, fields) => logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
    error: (message, fields) => logs.push({ level: 'error', message, fields }),
  };
  return { log, logs };
}

/** The function's handler wired to the in-process WeChat model, the emulator's cloud database (in-process), a virtual clock and a captured log. */
export function functionHarness(options: HarnessOptions = {}) {
  const env = { ...options.env, QUOTA_ADMIN_OPENIDS: 'admins' in options ? options.admins : ADMIN_OPENID };
  const model = options.model ?? new WechatModel(options.state ?? sampleState);
  // A shared model was set up by the harness that created it: its admins' acceptances are not renewed.
  if (!options.model) plantAlertSubscriptions(model, env, options.acceptances);
  const clock = options.clock ?? new FakeClock(undefined, options.random ?? 0.5);
  const database = options.database ?? new CloudDatabase(clock.now);
  const history = options.history ?? new MapBalanceHistory(clock.now);
  const { log, logs } = captureLog();
  const { logistics, messaging, robotPost } = createInProcessOpenApi(model, clock);
  const main = createHandler({
    logistics,
    messaging: options.wrapMessaging ? options.wrapMessaging(messaging) : messaging,
    robotPost,
    openDatabase: () => createInProcessDatabase(database, clock),
    history,
    getCaller: () => ({
      ...options.caller,
      openId: options.openId ?? ADMIN_OPENID,
      source: options.source ?? 'wx_client',
    }),
    env,
    clock,
    log,
  });
  const invoke = (event: unknown) => clock.run(main(event));
  return { model, clock, logs, database, history, main, invoke };
}
