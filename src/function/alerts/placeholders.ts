import { chinaDate, chinaDateTime } from '../../core/china-time';

/** One run's alert, as the message summarises it: how many accounts, and the lowest of them. */
export interface AlertSummary {
  count: number;
  lowest: { deliveryId: string; deliveryName: string; bizId: string; alias: string; quotaNum: number };
  /** Epoch milliseconds at which the balances were read. */
  readAt: number;
  lowThreshold: number;
  /** The soonest run-out among the summarised accounts' forecasts; null when none has a forecast yet. */
  soonest: { daysLeft: number; runsOutAt: number } | null;
}

/** Within this many days a run-out is said in days (约2天后用完), beyond it as a date (约12月20日用完). */
const RUN_OUT_IN_DAYS_WITHIN = 7;

/**
 * When the waybills run out, in the admins' words; without any forecast (under a day of history) it
 * says why the message came instead: the balance is under the threshold.
 */
export function runsOutText(summary: Pick<AlertSummary, 'soonest' | 'lowThreshold'>): string {
  const { soonest } = summary;
  if (soonest === null) return `余额低于${summary.lowThreshold}单`;
  if (soonest.daysLeft <= 0) return '已用完';
  if (soonest.daysLeft < 1) return '不到1天用完';
  if (soonest.daysLeft < RUN_OUT_IN_DAYS_WITHIN) return `约${Math.round(soonest.daysLeft)}天后用完`;
  const date = chinaDate(soonest.runsOutAt);
  return `约${date.slice(date.indexOf('年') + 1)}用完`;
}

interface Placeholder {
  value(summary: AlertSummary): string;
  /**
   * Values chosen to span what the placeholder can produce (its characters and lengths), so that a
   * template can be checked against its key's type before anything is sent.
   */
  samples(lowThreshold: number): readonly string[];
}

const courierOf = (summary: AlertSummary) => summary.lowest.deliveryName || summary.lowest.deliveryId;
const accountOf = (summary: AlertSummary) => summary.lowest.alias || summary.lowest.bizId;
const FREE_TEXT = ['中通快递', 'Hub 7 (华东) 🚚 #1', 'x'.repeat(64)];
const COURIER_ID = ['ZTO', 'SF_EXPRESS-2'];
const WHOLE_NUMBER = ['0', '7', '9999999999'];

const lowest: Record<string, Placeholder> = {
  Courier: { value: courierOf, samples: () => FREE_TEXT },
  Account: { value: accountOf, samples: () => FREE_TEXT },
  DeliveryId: { value: (summary) => summary.lowest.deliveryId, samples: () => COURIER_ID },
  BizId: { value: (summary) => summary.lowest.bizId, samples: () => FREE_TEXT },
  Quota: { value: (summary) => String(summary.lowest.quotaNum), samples: () => WHOLE_NUMBER },
};

/**
 * What QUOTA_ALERT_DATA may use. One message per admin per run summarises every account that deserves
 * an alert; the `lowest…` placeholders describe the one with the smallest balance, and the short
 * names of earlier versions (`{courier}`, `{quota}`, …) mean the same.
 */
export const PLACEHOLDERS: Readonly<Record<string, Placeholder>> = {
  count: { value: (summary) => String(summary.count), samples: () => ['1', '250'] },
  summary: {
    value: (summary) =>
      `${courierOf(summary)} ${accountOf(summary)}${summary.count > 1 ? `等${summary.count}个账号` : ''}`,
    samples: () => FREE_TEXT.map((text) => `${text}等3个账号`),
  },
  ...Object.fromEntries(Object.entries(lowest).map(([name, placeholder]) => [`lowest${name}`, placeholder])),
  ...Object.fromEntries(
    Object.entries(lowest).map(([name, placeholder]) => [`${name[0]!.toLowerCase()}${name.slice(1)}`, placeholder]),
  ),
  threshold: { value: (summary) => String(summary.lowThreshold), samples: (lowThreshold) => [String(lowThreshold)] },
  runsOut: {
    value: runsOutText,
    samples: (lowThreshold) => [`余额低于${lowThreshold}单`, '已用完', '不到1天用完', '约6天后用完', '约12月31日用完'],
  },
  time: {
    value: (summary) => chinaDateTime(summary.readAt),
    samples: () => ['2026年1月1日 00:00', '2026年12月31日 23:59'],
  },
  date: { value: (summary) => chinaDate(summary.readAt), samples: () => ['2026年1月1日', '2026年12月31日'] },
};

export const PLACEHOLDER_PATTERN = /\{(\w+)\}/g;

export function fillTemplate(template: string, valueOf: (name: string) => string): string {
  return template.replace(PLACEHOLDER_PATTERN, (_match, name: string) => valueOf(name));
}
