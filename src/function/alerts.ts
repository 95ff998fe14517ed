import { decideAlert, type AlertRecord } from '../core/alert-policy';
import type { AccountQuota, AllAccounts } from '../core/all-accounts';
import { callWithinBudget, type CallContext } from '../core/call';
import { mapWithConcurrency } from '../core/concurrency';
import { SUBSCRIBE_SEND_API, type MessagingApi } from '../core/messaging';
import { toQuotaError } from '../core/to-quota-error';
import type { AlertConfig } from './alert-config';
import { alertData } from './alert-message';
import { alertKey, type AlertMemory } from './alert-memory';

/** The page a subscribe message opens. */
export const ALERT_PAGE = 'pages/quota/index';
const SEND_CONCURRENCY = 4;

export interface AlertTarget {
  deliveryId: string;
  bizId: string;
  quotaNum: number;
}

export interface AlertReport {
  enabled: boolean;
  threshold: number;
  /** Accounts alerted, and why (first time low, halved since the last alert, repeat period passed). */
  alerted: Array<AlertTarget & { reason: string }>;
  /** Low accounts not alerted this run, because nothing changed since the last alert. */
  unchanged: AlertTarget[];
  sent: Array<{ deliveryId: string; bizId: string; touser: string }>;
  failed: Array<{ deliveryId: string; bizId: string; touser: string; code: string; errCode?: number }>;
}

export interface AlertDeps {
  context: CallContext;
  messaging: MessagingApi;
  memory: AlertMemory;
  config: AlertConfig;
  admins: readonly string[];
}

/** Sends a subscribe message to every admin for each low account that deserves one, and remembers it. */
export async function sendLowBalanceAlerts(deps: AlertDeps, result: AllAccounts): Promise<AlertReport> {
  const { config, context } = deps;
  const report: AlertReport = { enabled: config.templateId !== undefined, threshold: config.threshold, alerted: [], unchanged: [], sent: [], failed: [] };
  if (config.templateId === undefined) return report;
  if (deps.admins.length === 0) context.log.warn('low-balance alerts have no recipients: set QUOTA_ADMIN_OPENIDS');
  const memory = await deps.memory.load();
  const now = context.clock.now();
  for (const account of result.accounts) {
    const key = alertKey(account.deliveryId, account.bizId);
    const live = account.quotaSource === 'live' ? account.quotaNum : null;
    const decision = decideAlert(live, config.threshold, memory.get(key), now, config.repeatMs);
    if (decision.reason === 'healthy' && memory.has(key)) await deps.memory.forget(key);
    if (decision.reason === 'unchanged') report.unchanged.push(target(account));
    if (!decision.alert) continue;
    report.alerted.push({ ...target(account), reason: decision.reason });
    const delivered = await sendToAdmins(deps, account, config.templateId, now, report);
    if (delivered > 0) await deps.memory.save(key, { quotaNum: account.quotaNum ?? 0, alertedAt: now } satisfies AlertRecord);
  }
  return report;
}

/** One message per admin for `account`; each failure is logged and reported, never thrown. Returns how many got through. */
async function sendToAdmins(deps: AlertDeps, account: AccountQuota, templateId: string, now: number, report: AlertReport): Promise<number> {
  const { config, context } = deps;
  const data = alertData(account, config, now);
  const outcomes = await mapWithConcurrency(deps.admins, SEND_CONCURRENCY, async (touser) => {
    const message = { touser, templateId, page: ALERT_PAGE, data, miniprogramState: config.miniprogramState };
    try {
      await callWithinBudget(context, SUBSCRIBE_SEND_API, () => deps.messaging.sendSubscribeMessage(message));
      report.sent.push({ deliveryId: account.deliveryId, bizId: account.bizId, touser });
      return true;
    } catch (raw) {
      const error = toQuotaError(raw, SUBSCRIBE_SEND_API);
      context.log.warn('low-balance alert not delivered', { deliveryId: account.deliveryId, code: error.code, errCode: error.errCode });
      report.failed.push({ deliveryId: account.deliveryId, bizId: account.bizId, touser, code: error.code, ...(error.errCode === undefined ? {} : { errCode: error.errCode }) });
      return false;
    }
  });
  return outcomes.filter(Boolean).length;
}

function target(account: AccountQuota): AlertTarget {
  return { deliveryId: account.deliveryId, bizId: account.bizId, quotaNum: account.quotaNum ?? 0 };
}
