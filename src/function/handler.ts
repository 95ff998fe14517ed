import { fetchAllAccounts, type AllAccounts } from '../core/all-accounts';
import { TIME_BUDGET_MS } from '../core/budget';
import type { CallContext } from '../core/call';
import type { Clock } from '../core/clock';
import { failure, success, type Envelope } from '../core/envelope';
import type { LogisticsApi } from '../core/logistics';
import type { Logger } from '../core/logger';
import type { MessagingApi } from '../core/messaging';
import { fetchQuota, type SingleQuota } from '../core/single-quota';
import { toQuotaError } from '../core/to-quota-error';
import { readAlertConfig } from './alert-config';
import type { AlertMemory } from './alert-memory';
import { sendLowBalanceAlerts, type AlertReport } from './alerts';
import { ADMIN_OPENIDS_VARIABLE, authorize, parseAdminOpenIds, type Caller } from './authorize';
import { parseEvent, type QuotaRequest } from './event';

export interface HandlerDeps {
  logistics: LogisticsApi;
  messaging: MessagingApi;
  alertMemory: AlertMemory;
  /** The invoking user and source, from the cloud's context (never from the event). */
  getCaller: () => Caller;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  log: Logger;
}

/** The all-accounts answer, with what the page needs to show the alert settings in use. */
export interface AccountsResult extends AllAccounts {
  lowThreshold: number;
  /** The subscribe-message template the alerts use, for the page's subscribe button; null when alerts are off. */
  alertTemplateId: string | null;
  /** Present for a timer run: what was alerted, sent and failed. */
  alerts?: AlertReport;
}

export type QuotaResult = SingleQuota | AccountsResult;
export type QuotaEnvelope = Envelope<QuotaResult>;

/** Builds the function's `main`: event in, envelope out; nothing is thrown past it. */
export function createHandler(deps: HandlerDeps): (event: unknown, context?: unknown) => Promise<QuotaEnvelope> {
  let alertsOffLogged = false;

  return async function main(event) {
    const startedAt = deps.clock.now();
    try {
      authorize(deps.getCaller(), deps.env[ADMIN_OPENIDS_VARIABLE], deps.env);
      const request = parseEvent(event);
      const context: CallContext = {
        api: deps.logistics,
        clock: deps.clock,
        deadline: startedAt + TIME_BUDGET_MS,
        log: deps.log,
      };
      return success(await dispatch(context, request));
    } catch (raw) {
      const error = toQuotaError(raw);
      deps.log.warn('getQuota failed', { code: error.code, errCode: error.errCode, ms: deps.clock.now() - startedAt });
      return failure(error);
    }
  };

  async function dispatch(context: CallContext, request: QuotaRequest): Promise<QuotaResult> {
    if (request.kind === 'single') return fetchQuota(context, request);
    const config = readAlertConfig(deps.env);
    const accounts: AccountsResult = { ...(await fetchAllAccounts(context)), lowThreshold: config.threshold, alertTemplateId: config.templateId ?? null };
    if (request.kind === 'all') return accounts;
    if (!config.templateId && !alertsOffLogged) {
      alertsOffLogged = true;
      deps.log.info('low-balance alerts are off: set QUOTA_ALERT_TEMPLATE_ID to turn them on');
    }
    const admins = [...parseAdminOpenIds(deps.env[ADMIN_OPENIDS_VARIABLE])];
    const alerts = await sendLowBalanceAlerts({ context, messaging: deps.messaging, memory: deps.alertMemory, config, admins }, accounts);
    deps.log.info('timer check done', {
      trigger: request.triggerName,
      accounts: accounts.accounts.length,
      failed: accounts.accounts.filter((account) => account.error).length,
      alerted: alerts.alerted.length,
      sent: alerts.sent.length,
      notDelivered: alerts.failed.length,
    });
    return { ...accounts, alerts };
  }
}
