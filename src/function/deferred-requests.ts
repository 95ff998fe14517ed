import type { CallContext } from '../core/call';
import { chinaLogTime } from '../core/china-time';
import { parseAlertConfig, readLowThreshold, type AlertConfig } from './alert-config';
import { readAlertDays } from './alert-days';
import { startAlertRun, type AlertRunStart } from './alerts';
import { parseAdminOpenIds, ADMIN_OPENIDS_VARIABLE } from './authorize';
import { fetchBalances } from './balances';
import type { QuotaRequest } from './event';
import type { AccountsResult, HandlerDeps, QuotaResult } from './handler';
import { fetchHistory } from './history-request';

/** Every request but a single account's: the list of all accounts (page or timer run) and the balance history. */
export type OtherRequest = Exclude<QuotaRequest, { kind: 'single' }>;

/**
 * Answers the requests a single-account query never makes. The handler loads this file on the first
 * such request, so a cold start that answers one account neither runs nor builds what only these need
 * (the alerts, the forecast, the history and their schemas). One answerer per handler: it remembers
 * what it has logged once.
 */
export function createOtherRequests(
  deps: HandlerDeps,
): (context: CallContext, request: OtherRequest) => Promise<QuotaResult> {
  let alertsOffLogged = false;

  return async function answer(context, request) {
    const alertDays = readAlertDays(deps.env).days;
    if (request.kind === 'history') return fetchHistory(context, deps.history, request, alertDays);
    const lowThreshold = readLowThreshold(deps.env);
    const parsed = parseAlertConfig(deps.env);
    // An alert-only mistake fails the timer run before any call, and never the page's balances.
    if (!parsed.success && request.kind === 'timer') throw parsed.error;
    const templateId = parsed.success ? (parsed.config.templateId ?? null) : null;
    // A timer run that alerts claims the run and reads its memory while the balances are read, not after.
    const alertRun = request.kind === 'timer' && parsed.success ? startTimerAlerts(context, parsed.config) : undefined;
    let fetched;
    try {
      fetched = await fetchBalances(
        context,
        deps.history,
        request.kind === 'timer' ? 'timer' : 'page',
        alertRun?.listed,
      );
    } catch (error) {
      await alertRun?.abandon();
      throw error;
    }
    const { recording, ...balances } = fetched;
    const accounts: AccountsResult = { ...balances, lowThreshold, alertDays, alertTemplateId: templateId };
    if (!parsed.success || request.kind === 'all') await recording;
    if (!parsed.success)
      return { ...accounts, alertConfigError: { variable: parsed.variable, message: parsed.error.message } };
    if (request.kind === 'all' || !alertRun) return accounts;
    // The alerts run while the readings are recorded: both are database work inside the same budget.
    const [alerts, recorded] = await Promise.all([alertRun.finish(accounts), recording]);
    deps.log.info('timer check done', {
      trigger: request.triggerName,
      readAt: chinaLogTime(Date.parse(accounts.fetchedAt)),
      accounts: accounts.accounts.length,
      live: accounts.accounts.filter((account) => account.quotaSource === 'live').length,
      recorded,
      failed: accounts.accounts.filter((account) => account.error).length,
      alerted: alerts.alerted.length,
      claim: alerts.claim,
      recipients: alerts.recipients,
      sent: alerts.sent.length,
      notDelivered: alerts.failed.length,
      unknown: alerts.unknown.length,
      deferred: alerts.deferred.length,
    });
    return { ...accounts, alerts };
  };

  function startTimerAlerts(context: CallContext, config: AlertConfig): AlertRunStart {
    if (!config.templateId && !alertsOffLogged) {
      alertsOffLogged = true;
      deps.log.info('low-balance alerts are off: set QUOTA_ALERT_TEMPLATE_ID to turn them on');
    }
    const admins = [...parseAdminOpenIds(deps.env[ADMIN_OPENIDS_VARIABLE])];
    return startAlertRun({ context, messaging: deps.messaging, openDatabase: deps.openDatabase, config, admins });
  }
}
