import type { AllAccounts } from '../core/all-accounts';
import { TIME_BUDGET_MS } from '../core/budget';
import type { CallContext } from '../core/call';
import type { Clock } from '../core/clock';
import { failure, success, type Envelope } from '../core/envelope';
import type { LogisticsApi } from '../core/logistics';
import type { Logger } from '../core/logger';
import type { MessagingApi } from '../core/messaging';
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

export interface HandlerDeps {
  logistics: LogisticsApi;
  messaging: MessagingApi;
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
  /** Present for a timer run: what was alerted, sent, failed, unknown and deferred. */
  alerts?: AlertReport;
  /** Present for a timer run: the live readings stored, those that were not (and why), the forecasts recomputed. */
  history?: { kept: number; notKept: Array<{ deliveryId: string; bizId: string; reason: string }>; profiles: number };
  /** Present when an alert-only setting is wrong: the balances still answer, and the page tells the admin. */
  alertConfigError?: { variable: AlertVariable; message: string };
}

export type QuotaResult = SingleQuota | AccountsResult | HistoryResult;
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
  let others: Promise<(context: CallContext, request: OtherRequest) => Promise<QuotaResult>> | undefined;

  return async function main(event) {
    const startedAt = deps.clock.now();
    try {
      const caller = deps.getCaller();
      authorize(caller, deps.env[ADMIN_OPENIDS_VARIABLE], deps.env);
      const request = parseEvent(event);
      if (request.kind === 'timer') assertTimerCaller(caller);
      const context: CallContext = {
        api: deps.logistics,
        clock: deps.clock,
        deadline: startedAt + TIME_BUDGET_MS,
        log: deps.log,
      };
      return success(await dispatch(context, request));
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

  async function dispatch(context: CallContext, request: QuotaRequest): Promise<QuotaResult> {
    if (request.kind === 'single') return fetchQuota(context, request);
    others ??= loadOtherRequests().then(({ createOtherRequests }) => createOtherRequests(deps));
    return (await others)(context, request);
  }
}
