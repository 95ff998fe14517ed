import { QuotaError } from '../../core/errors/errors';
import { ErrorCode } from '../../contract/errors';
import type { Forecast } from '../../contract/answers';
import { fitValue, templateKeyType } from '../../core/alerts/template-rules';
import type { AlertConfig } from './settings';
import { PLACEHOLDERS, fillTemplate, type AlertSummary } from './placeholders';

export interface SummaryAccount {
  deliveryId: string;
  deliveryName: string;
  bizId: string;
  alias: string;
  quotaNum: number;
  forecast?: Forecast;
}

/**
 * The run's alert in one line of facts: how many accounts, which is lowest. A balance below zero is
 * shown as 0: WeChat's number fields refuse a sign, and "none left" is what it means.
 */
export function summarize(accounts: readonly SummaryAccount[], readAt: number, lowThreshold: number): AlertSummary {
  const sorted = [...accounts].sort(
    (a, b) => a.quotaNum - b.quotaNum || a.deliveryId.localeCompare(b.deliveryId) || a.bizId.localeCompare(b.bizId),
  );
  const lowest = sorted[0];
  if (!lowest) throw new RangeError('an alert summarises at least one account');
  const { forecast: _forecast, ...named } = lowest;
  return {
    count: accounts.length,
    lowest: { ...named, quotaNum: Math.max(0, lowest.quotaNum) },
    soonest: soonestRunOut(accounts),
    readAt,
    lowThreshold,
  };
}

/** The first run-out among the accounts' forecasts, if any has one. */
function soonestRunOut(accounts: readonly SummaryAccount[]): AlertSummary['soonest'] {
  let soonest: AlertSummary['soonest'] = null;
  for (const { forecast } of accounts) {
    if (forecast?.daysLeft === null || forecast?.daysLeft === undefined || forecast.runsOutAt === null) continue;
    if (soonest === null || forecast.daysLeft < soonest.daysLeft)
      soonest = { daysLeft: forecast.daysLeft, runsOutAt: Date.parse(forecast.runsOutAt) };
  }
  return soonest;
}

/**
 * The template data for one message: each configured text with its placeholders filled, free text cut
 * to its limit. The configuration was checked against every key's type; a value that still breaks its
 * rule is refused here, so WeChat is never sent data it would answer with 47003.
 */
export function alertData(summary: AlertSummary, config: Pick<AlertConfig, 'data'>): Record<string, { value: string }> {
  return Object.fromEntries(
    Object.entries(config.data).map(([key, template]) => {
      const text = fillTemplate(template, (name) => PLACEHOLDERS[name]?.value(summary) ?? '');
      const type = templateKeyType(key);
      const fitted = type ? fitValue(type, text) : { ok: false as const, rule: 'a known key type' };
      if (!fitted.ok) {
        throw new QuotaError(
          ErrorCode.CONFIG_INVALID,
          `QUOTA_ALERT_DATA gives ${key} the value "${text}", but that key takes ${fitted.rule}. Change the text of ${key} in QUOTA_ALERT_DATA.`,
        );
      }
      return [key, { value: fitted.value }];
    }),
  );
}
