import { forecast, FORECAST_HORIZON_DAYS } from '../../src/core/forecast/forecast';
import { DAY, HOUR, hourlySeries, NOW } from '../support/balance-series';

const steady = (hours: number, balanceAtEnd = 1200, perHour = 5) =>
  hourlySeries(hours, NOW, balanceAtEnd, () => perHour);

describe('forecast', () => {
  it('recovers a steady rate and when it empties the balance', () => {
    const result = forecast(steady(20 * 24), NOW);
    expect(result.dailyUsage).toBeCloseTo(120, 9);
    expect(result.daysLeft).toBeCloseTo(10, 9);
    expect(result.runsOutAt).toBe(new Date(NOW + 10 * DAY).toISOString());
    expect(result.basedOnHours).toBe(480);
  });

  it('makes no forecast from less than 24 hours of history, but says how much there is', () => {
    expect(forecast(steady(23), NOW)).toEqual({ dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 23 });
    expect(forecast(steady(24), NOW).daysLeft).toBeCloseTo(10, 9);
    expect(forecast([], NOW)).toEqual({ dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 0 });
  });

  it('uses the time actually covered for an account added yesterday', () => {
    const result = forecast(steady(30), NOW);
    expect(result.basedOnHours).toBe(30);
    expect(result.dailyUsage).toBeCloseTo(120, 9);
  });

  it('takes a rise for a top-up, not negative usage', () => {
    const points = steady(10 * 24);
    const toppedUp = points.map((point, index) =>
      index >= points.length - 30 ? { ...point, quotaNum: point.quotaNum + 5000 } : point,
    );
    const result = forecast(toppedUp, NOW);
    expect(result.dailyUsage).toBeCloseTo(120, 9);
    expect(result.daysLeft).toBeCloseTo(6200 / 120, 9);
  });

  it('spreads the usage over missed runs instead of losing or doubling it', () => {
    const points = steady(10 * 24).filter((point) => point.at < NOW - 5 * DAY || point.at > NOW - 4 * DAY + 3 * HOUR);
    expect(forecast(points, NOW).dailyUsage).toBeCloseTo(120, 9);
  });

  it.each([10, 27])('ignores a one-off spike in %i days of history', (days) => {
    for (const hoursAgo of [2, 30, 8 * 24 + 5]) {
      const spikeAt = NOW - hoursAgo * HOUR;
      const points = hourlySeries(days * 24, NOW, 1200, (at) => (at === spikeAt ? 1000 : 5));
      expect(forecast(points, NOW).dailyUsage).toBeCloseTo(120, 9);
    }
  });

  it('follows a lasting surge within two days', () => {
    const points = hourlySeries(20 * 24, NOW, 1200, (at) => (at >= NOW - 50 * HOUR ? 15 : 5));
    expect(forecast(points, NOW).dailyUsage).toBeCloseTo(360, 9);
  });

  it('never lengthens daysLeft for more usage long ago, even during a surge', () => {
    // Weekday factors (ratios) fail here: extra old Monday usage made Mondays look busier, the recent
    // surge smaller against them, and daysLeft 278 → 339 days with 5 more waybills every old Monday hour.
    const withOldMondays = (extra: number) =>
      hourlySeries(
        27 * 24,
        NOW,
        100_000,
        (at) =>
          (at >= NOW - 3 * DAY ? 15 : 5) +
          (at < NOW - 10 * DAY && new Date(at + 8 * HOUR).getUTCDay() === 1 ? extra : 0),
      );
    const base = forecast(withOldMondays(0), NOW).daysLeft as number;
    for (const extra of [0.1, 1, 5]) expect(forecast(withOldMondays(extra), NOW).daysLeft).toBeLessThanOrEqual(base);
  });

  it('counts the time since a stale last reading', () => {
    const points = steady(10 * 24).map((point) => ({ ...point, at: point.at - 2 * DAY }));
    expect(forecast(points, NOW).daysLeft).toBeCloseTo(8, 9);
  });

  it('says 0 days, now, for an empty account or one projected empty by now', () => {
    const empty = forecast(steady(48, 0), NOW);
    expect(empty.daysLeft).toBe(0);
    expect(empty.runsOutAt).toBe(new Date(NOW).toISOString());
    expect(forecast(steady(48, 60), NOW + DAY).daysLeft).toBe(0);
  });

  it('gives no run-out without usage, or past ten years', () => {
    expect(forecast(steady(48, 500, 0), NOW)).toEqual({
      dailyUsage: 0,
      daysLeft: null,
      runsOutAt: null,
      basedOnHours: 48,
    });
    const slow = hourlySeries(48, NOW, 1e6, (at) => (at === NOW - HOUR ? 1 : 0));
    expect(forecast(slow, NOW).daysLeft).toBeNull();
    expect(FORECAST_HORIZON_DAYS).toBe(3650);
  });

  it('reads unsorted, repeated and invalid points the same as clean ones', () => {
    const points = steady(3 * 24);
    const messy: unknown[] = [...points].reverse();
    messy.push(
      points[5],
      { at: Number.NaN, quotaNum: 1 },
      { at: NOW, quotaNum: -3 },
      { at: NOW, quotaNum: Infinity },
      { at: '1', quotaNum: 2 },
      null,
      'x',
    );
    expect(forecast(messy, NOW)).toEqual(forecast(points, NOW));
    // A disagreeing twin at the same instant: the lower reading counts.
    expect(forecast([...points, { at: NOW, quotaNum: 1300 }], NOW)).toEqual(forecast(points, NOW));
  });

  it('ignores readings after now and before the 28-day window', () => {
    const points = steady(40 * 24);
    const result = forecast([...points, { at: NOW + HOUR, quotaNum: 0 }], NOW);
    expect(result.basedOnHours).toBe(28 * 24);
    expect(result.daysLeft).toBeCloseTo(10, 9);
  });
});
