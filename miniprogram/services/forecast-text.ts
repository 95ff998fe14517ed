import type { ForecastResult } from './forecast-result';

/** An account's run-out forecast in the merchant's words. */
export interface ForecastLine {
  /** 约 12 天后用完, 用量不足一天的数据，暂无预测, 近期没有用量, … */
  text: string;
  /** 每天约 35 单; empty when there is no usage to tell. */
  usage: string;
  /** It runs out in fewer days than the alerts warn at: shown red. */
  soon: boolean;
}

const HOURS_PER_DAY = 24;

/** How many waybills a day, rounded as people say it. */
export function usageText(dailyUsage: number): string {
  return dailyUsage < 1 ? '每天不到 1 单' : `每天约 ${Math.round(dailyUsage)} 单`;
}

/**
 * When the account runs out. Whole days are rounded down (2.7 days reads 约 2 天), erring early like
 * the alerts; under a day it counts hours, since "today" would be wrong for a run-out at 3 a.m.
 */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft <= 0) return '已用完';
  if (daysLeft >= 1) return `约 ${Math.floor(daysLeft)} 天后用完`;
  const hours = Math.floor(daysLeft * HOURS_PER_DAY);
  return hours < 1 ? '1 小时内可能用完' : `约 ${hours} 小时后用完`;
}

export function forecastLine(forecast: ForecastResult, alertDays: number): ForecastLine {
  const { dailyUsage, daysLeft } = forecast;
  if (dailyUsage === null) return { text: '用量不足一天的数据，暂无预测', usage: '', soon: false };
  const usage = dailyUsage > 0 ? usageText(dailyUsage) : '';
  if (daysLeft === null)
    return { text: dailyUsage > 0 ? '按近期用量够用十年以上' : '近期没有用量', usage, soon: false };
  return { text: daysLeftText(daysLeft), usage: daysLeft > 0 ? usage : '', soon: daysLeft < alertDays };
}
