import { formatTime } from './format-time';
import { forecastLine } from './forecast-text';
import type { HistoryResult } from '../contract/answers';
import { readingsOf, topUpsOf, trendChart, type TrendChart } from './trend-chart';

const HOURS_PER_DAY = 24;

/** The account the trend page shows, as the list passed it on. */
export interface TrendAccount {
  deliveryId: string;
  bizId: string;
  /** The courier's name; the deliveryId when the page was opened without it. */
  courier: string;
  /** The alias, or the customer code. */
  title: string;
}

export interface TrendView {
  balance: string;
  /** When the latest reading was taken: 35 分钟前, 11-29 09:00. */
  balanceAt: string;
  forecastText: string;
  soon: boolean;
  /** 预计 12-11 14:00 前后用完; empty without a run-out. */
  runOutText: string;
  /** 每天约 35 单，依据 9 天的余额记录; empty without usage to tell. */
  usageText: string;
  /** 30 天内充值 2 次，共 1000 单. */
  topUpText: string;
  alertDays: number;
  chart: TrendChart;
}

function historyLength(hours: number): string {
  return hours < 2 * HOURS_PER_DAY ? `${Math.floor(hours)} 小时` : `${Math.floor(hours / HOURS_PER_DAY)} 天`;
}

/** The trend page at `now` (the phone's clock); null when the function kept no readings yet. */
export function trendView(result: HistoryResult, now: number, utcOffsetMinutes: number): TrendView | null {
  const chart = trendChart({ points: result.points, runsOutAt: result.forecast.runsOutAt, now, utcOffsetMinutes });
  const readings = readingsOf(result.points);
  const last = readings[readings.length - 1];
  if (!chart || !last) return null;
  const { forecast, alertDays } = result;
  const line = forecastLine(forecast, alertDays);
  const topUps = topUpsOf(readings);
  const added = topUps.reduce((sum, topUp) => sum + topUp.quotaNum, 0);
  return {
    balance: String(last.quotaNum),
    balanceAt: formatTime(new Date(last.at).toISOString(), now),
    forecastText: line.text,
    soon: line.soon,
    runOutText:
      forecast.runsOutAt && forecast.daysLeft !== 0 ? `预计 ${formatTime(forecast.runsOutAt, now)} 前后用完` : '',
    usageText: line.usage === '' ? '' : `${line.usage}，依据 ${historyLength(forecast.basedOnHours)}的余额记录`,
    topUpText:
      topUps.length > 0 ? `${result.days} 天内充值 ${topUps.length} 次，共 ${added} 单` : `${result.days} 天内没有充值`,
    alertDays,
    chart,
  };
}
