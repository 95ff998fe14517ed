import { forecastLine } from '../../miniprogram/services/forecast-text';

const forecast = (dailyUsage: number | null, daysLeft: number | null, basedOnHours = 240) => ({
  dailyUsage,
  daysLeft,
  runsOutAt: daysLeft === null ? null : new Date(Date.UTC(2026, 10, 29) + daysLeft * 86_400_000).toISOString(),
  basedOnHours,
});

describe('an account’s days left in words', () => {
  it.each([
    ['weeks away', forecast(35.4, 12.9), { text: '约 12 天后用完', usage: '每天约 35 单', soon: false }],
    [
      'days away, rounded down like the alerts',
      forecast(48, 2.7),
      { text: '约 2 天后用完', usage: '每天约 48 单', soon: true },
    ],
    ['exactly at the alert line', forecast(10, 3), { text: '约 3 天后用完', usage: '每天约 10 单', soon: false }],
    ['hours away', forecast(100, 0.3), { text: '约 7 小时后用完', usage: '每天约 100 单', soon: true }],
    ['within the hour', forecast(100, 0.02), { text: '1 小时内可能用完', usage: '每天约 100 单', soon: true }],
    ['already empty', forecast(20, 0), { text: '已用完', usage: '', soon: true }],
    ['under a waybill a day', forecast(0.4, 200), { text: '约 200 天后用完', usage: '每天不到 1 单', soon: false }],
    [
      'with less than a day of history',
      forecast(null, null, 5),
      { text: '用量不足一天的数据，暂无预测', usage: '', soon: false },
    ],
    ['with no usage', forecast(0, null), { text: '近期没有用量', usage: '', soon: false }],
    [
      'more than ten years away',
      forecast(0.01, null),
      { text: '按近期用量够用十年以上', usage: '每天不到 1 单', soon: false },
    ],
  ])('reads an account %s', (_name, input, line) => {
    expect(forecastLine(input, 3)).toEqual(line);
  });

  it('marks red by the function’s QUOTA_ALERT_DAYS', () => {
    expect(forecastLine(forecast(10, 6.5), 7).soon).toBe(true);
    expect(forecastLine(forecast(10, 6.5), 3).soon).toBe(false);
  });
});
