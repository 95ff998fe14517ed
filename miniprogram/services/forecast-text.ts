import type { Forecast } from '../contract/answers';
import { daysLeftText } from '../contract/days-left';

/** An account's run-out forecast in the merchant's words. */
export interface ForecastLine {
  /** 约 12 天后用完, 用量不足一天的数据，暂无预测, 近期没有用量, … */
  text: string;
  /** 每天约 35 单; empty when there is no usage to tell. */
  usage: string;
  /** It runs out in fewer days than the alerts warn at: shown red. */
  soon: boolean;
}

/** How many waybills a day, rounded as people say it. */
export function usageText(dailyUsage: number): string {
  return dailyUsage < 1 ? '每天不到 1 单' : `每天约 ${Math.round(dailyUsage)} 单`;
}

export function forecastLine(forecast: Forecast, alertDays: number): ForecastLine {
  const { dailyUsage, daysLeft } = forecast;
  if (dailyUsage === null) return { text: '用量不足一天的数据，暂无预测', usage: '', soon: false };
  const usage = dailyUsage > 0 ? usageText(dailyUsage) : '';
  if (daysLeft === null)
    return { text: dailyUsage > 0 ? '按近期用量够用十年以上' : '近期没有用量', usage, soon: false };
  return { text: daysLeftText(daysLeft), usage: daysLeft > 0 ? usage : '', soon: daysLeft < alertDays };
}
