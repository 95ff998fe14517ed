import type { Logger } from '../../core/logger';
import type { SubscribeMessage } from '../../core/wechat/messaging';
import { toQuotaError } from '../../core/errors/to-quota-error';
import type { AlertPlan, LiveAccount } from './plan';
import type { AlertReport } from '../../contract/timer-run';
import type { AlertConfig } from './settings';
import { alertData, summarize } from './subscribe-data';
import { ALERT_PAGE } from '../../contract/values';

/** One subscribe message per admin owed one; an admin whose data breaks the template's rules is reported failed. */
export function subscribeMessages(
  { config, log }: { config: AlertConfig; log: Logger },
  templateId: string,
  plan: AlertPlan,
  now: number,
  report: AlertReport,
): SubscribeMessage[] {
  const messages: SubscribeMessage[] = [];
  for (const { touser, accounts: summarised } of plan.recipients) {
    try {
      const data = alertData(summarize(summarised.map(forSummary), now, config.lowThreshold), config);
      messages.push({ touser, templateId, page: ALERT_PAGE, data, miniprogramState: config.miniprogramState });
    } catch (raw) {
      const error = toQuotaError(raw);
      log.error("low-balance alert not sent: its template data breaks WeChat's rules", {
        message: error.message,
      });
      report.failed.push({ touser, code: error.code, hint: error.message });
    }
  }
  return messages;
}

function forSummary(account: LiveAccount) {
  return {
    deliveryId: account.deliveryId,
    deliveryName: account.deliveryName,
    bizId: account.bizId,
    alias: account.alias,
    quotaNum: account.quotaNum,
    forecast: account.forecast,
  };
}
