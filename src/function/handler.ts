import type { AllAccounts } from '../core/all-accounts';
import { TIME_BUDGET_MS } from '../core/budget';
import type { CallContext } from '../core/call';
import type { Clock } from '../core/clock';
import { failure, success, type Envelope } from '../core/envelope';
import type { LogisticsApi } from '../core/logistics';
import type { Logger } from '../core/logger';
import type { MessagingApi } from '../core/messaging';
import type { RobotKind } from '../core/robots/robot-address';
import type { RobotPost } from '../core/robots/robot-post';
import { fetchQuota, type SingleQuota } from '../core/single-quota';
import { toQuotaError } from '../core/to-quota-error';
import { ErrorCode } from '../core/errors';
import type { AlertVariable } from './alert-config';
import { ADMIN_OPENIDS_VARIABLE, authorize, type Caller } from './authorize';
import { isTimerShaped, parseEvent, type QuotaRequest } from './event';
import type { Database } from './database';
import { assertTimerCaller } from './timer-identity';
import type { ForecastedAccount } from './account-forecasts';
import type { AlertReport } from './alerts';
import type { BalanceHistory } from './balance-history';
import type * as OtherRequests from './deferred-requests';
import type { OtherRequest } from './deferred-requests';
import type { HistoryResult } from './history-request';
import type { RobotTestResult } from './robot-test-request';
import type { TimerStatus } from './heartbeat';
import { forbidden } from '../core/forbidden';

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

/** The all-accounts answer, with what the page needs to show the alert settings in use. */
export interface AccountsResult extends Omit<AllAccounts, 'accounts'> {
  accounts: ForecastedAccount[];
  lowThreshold: number;
  /** QUOTA_ALERT_DAYS: an account whose forecast runs out in fewer days than this is low. */
  alertDays: number;
  /** The subscribe-message template the alerts use, for the page's subscribe button; null when alerts are off. */
  alertTemplateId: string | null;
  /** The group robots of QUOTA_ALERT_WEBHOOKS, masked, and its entries that are not robot addresses. */
  alertChannels: {
    configured: Array<{ kind: RobotKind; address: string }>;
    invalid: Array<{ entry: number; message: string }>;
  };
  /** Present for a timer run: what was alerted, sent, failed, unknown and deferred. */
  alerts?: AlertReport;
  /** Present for a timer run: the live readings stored, those that were not (and why), the forecasts recomputed. */
  history?: { kept: number; notKept: Array<{ deliveryId: string; bizId: string; reason: string }>; profiles: number };
  /**
   * A page's answer: what the last timer run did (null when none ever ran); absent when it could not be
   * read in time. The page warns when it is older than twice the trigger's interval.
   */
  timer?: TimerStatus | null;
  /** Present when an alert-only setting is wrong: the balances still answer, and the page tells the admin. */
  alertConfigError?: { variable: AlertVariable; message: string };
}

export type QuotaResult = SingleQuota | AccountsResult | HistoryResult | RobotTestResult;
export type QuotaEnvelope = Envelope<QuotaResult>;
/** What a balance request (one account or all), never a history request, answers with. */
export type BalancesData = SingleQuota | AccountsResult;
export type BalancesEnvelope = Envelope<BalancesData>;

/** The module that answers every request but a single account's. */
export type OtherRequestsModule = typeof OtherRequests;

/**
 * Builds the function's `main`: event in, envelope out; nothing is thrown past it. The answers to the
 * other requests are loaded on the first such request (a dynamic import, so a cold start that answers
 * one account does not pay for them); a simulation on a virtual clock passes them already loaded, since
 * a dynamic import outside the bundle (under tsx) takes real time.
 */
export function createHandler(
  deps: HandlerDeps,
  loadOtherRequests: () => Promise<OtherRequestsModule> = () => import('./deferred-requests'),
): (event: unknown, context?: unknown) => Promise<QuotaEnvelope> {
  let others:
    | Promise<(context: CallContext, request: OtherRequest, admin: string | undefined) => Promise<QuotaResult>>
    | undefined;

  return async function main(event) {
    const startedAt = deps.clock.now();
    try {
      const caller = deps.getCaller();
      const callerKind = authorize(caller, deps.env[ADMIN_OPENIDS_VARIABLE], deps.env);
      const request = parseEvent(event);
      if (request.kind === 'timer') assertTimerCaller(caller);
      const admin = callerKind === 'admin' ? String(caller.openId ?? caller.fromOpenId ?? '') : undefined;
      if (request.kind === 'robot-test' && admin === undefined)
        throw forbidden(
          { reason: 'source' },
          'Only an admin, from the mini-program, may send test messages to the group robots.',
        );
      const context: CallContext = {
        api: deps.logistics,
        clock: deps.clock,
        deadline: startedAt + TIME_BUDGET_MS,
        log: deps.log,
      };
      return success(await dispatch(context, request, admin));
    } catch (raw) {
      const error = toQuotaError(raw);
      // A refused timer-shaped event (someone trying to fire the alerts) and a broken setting need an operator.
      const needsOperator =
        error.code === ErrorCode.CONFIG_INVALID || (error.code === ErrorCode.FORBIDDEN && isTimerShaped(event));
      deps.log[needsOperator ? 'error' : 'warn']('getQuota failed', {
        code: error.code,
        errCode: error.errCode,
        ms: deps.clock.now() - startedAt,
        detail: needsOperator ? error.message : undefined,
      });
      return failure(error);
    }
  };

  async function dispatch(
    context: CallContext,
    request: QuotaRequest,
    admin: string | undefined,
  ): Promise<QuotaResult> {
    if (request.kind === 'single') return fetchQuota(context, request);
    others ??= loadOtherRequests().then(({ createOtherRequests }) => createOtherRequests(deps));
    return (await others)(context, request, admin);
  }
}
