import fc from 'fast-check';
import type { BalancePoint } from '../../src/core/forecast/balance-points';
import { weekday } from '../../src/core/forecast/china-calendar';
import { forecast, forecastFromProfile, FORECAST_HORIZON_DAYS, usageProfile } from '../../src/core/forecast/forecast';
import type { Forecast } from '../../src/contract/answers';
import { DAY, HOUR, NOW } from '../support/balance-series';

const MINUTE = 60_000;
/** null means "never runs out", which is longer than any number of days. */
const days = (result: Forecast): number => result.daysLeft ?? Number.POSITIVE_INFINITY;
/** Floating-point slack: relative, since balances and rates span orders of magnitude. */
const slack = (value: number) => 1e-9 * Math.max(1, Math.abs(value));
const expectNotShorter = (after: number, before: number) =>
  before === Infinity ? expect(after).toBe(Infinity) : expect(after).toBeGreaterThanOrEqual(before - slack(before));

/** Hourly readings ending at any minute of the week, from per-hour drops (shaped by a weekly rhythm) and top-ups. */
const usageHistory = fc.record({
  start: fc.integer({ min: 0, max: 7 * 24 * 60 - 1 }),
  weekly: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 }),
  hours: fc.array(
    fc.record({ drop: fc.nat({ max: 40 }), topUp: fc.oneof(fc.constant(0), fc.constant(0), fc.nat({ max: 2000 })) }),
    { minLength: 20, maxLength: 30 * 24, size: 'max' },
  ),
  finalBalance: fc.nat({ max: 5000 }),
  lagMinutes: fc.nat({ max: 3 * 24 * 60 }),
});
type UsageHistory = typeof usageHistory extends fc.Arbitrary<infer T> ? T : never;

/** Builds the readings backward from the final balance, so every balance is non-negative. */
function toPoints(
  { start, weekly, hours, finalBalance, lagMinutes }: UsageHistory,
  extraUsage: readonly number[] = [],
): { points: BalancePoint[]; now: number } {
  const end = NOW + start * MINUTE;
  const points: BalancePoint[] = [{ at: end, quotaNum: finalBalance }];
  let balance = finalBalance;
  for (let index = hours.length - 1; index >= 0; index -= 1) {
    const hour = hours[index] as UsageHistory['hours'][number];
    const at = end - (hours.length - index) * HOUR;
    balance = Math.max(
      0,
      balance + hour.drop * (weekly[weekday(at)] as number) + (extraUsage[index] ?? 0) - hour.topUp,
    );
    points.unshift({ at, quotaNum: balance });
  }
  return { points, now: end + lagMinutes * MINUTE };
}

describe('forecast properties', () => {
  it('recovers a constant rate exactly, whatever the reading interval, length and start', () => {
    const steps = fc.constantFrom(5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR);
    fc.assert(
      fc.property(
        steps,
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 35 * 24 }),
        fc.integer({ min: 0, max: 7 * 24 * 60 }),
        fc.nat({ max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (step, dropPerStep, hours, startMinute, finalBalance, lagShare) => {
          const count = Math.ceil((hours * HOUR) / step);
          const end = NOW + startMinute * MINUTE;
          const points = Array.from({ length: count + 1 }, (_, index) => ({
            at: end - (count - index) * step,
            quotaNum: finalBalance + (count - index) * dropPerStep,
          }));
          const now = end + Math.floor(lagShare * step);
          const result = forecast(points, now);
          const rate = (dropPerStep * DAY) / step;
          if (count * step < DAY) {
            expect(result.daysLeft).toBeNull();
            return;
          }
          expect(Math.abs((result.dailyUsage as number) - rate)).toBeLessThanOrEqual(slack(rate));
          const expected = Math.max(0, finalBalance / rate - (now - end) / DAY);
          if (expected > FORECAST_HORIZON_DAYS + 1e-6) return expect(result.daysLeft).toBeNull();
          expect(Math.abs((result.daysLeft as number) - expected)).toBeLessThanOrEqual(slack(expected));
        },
      ),
    );
  });

  it('never lowers daysLeft for a top-up', () => {
    fc.assert(
      fc.property(usageHistory, fc.nat(), fc.integer({ min: 1, max: 5000 }), (history, at, amount) => {
        const { points, now } = toPoints(history);
        const from = at % points.length;
        const toppedUp = points.map((point, index) =>
          index >= from ? { ...point, quotaNum: point.quotaNum + amount } : point,
        );
        expectNotShorter(days(forecast(toppedUp, now)), days(forecast(points, now)));
      }),
    );
  });

  it('never lengthens daysLeft for more usage', () => {
    const extra = fc.array(fc.oneof(fc.constant(0), fc.nat({ max: 100 })), { maxLength: 30 * 24, size: 'max' });
    fc.assert(
      fc.property(usageHistory, extra, (history, extraUsage) => {
        // The same history with extra waybills used in some hours, from the same starting balance.
        const totalExtra = extraUsage.reduce((sum, value) => sum + value, 0);
        const lighter = toPoints({ ...history, finalBalance: history.finalBalance + totalExtra });
        const heavier = toPoints(history, extraUsage);
        const shift = (lighter.points[0] as BalancePoint).quotaNum - (heavier.points[0] as BalancePoint).quotaNum;
        const sameStart = heavier.points.map((point) => ({ ...point, quotaNum: point.quotaNum + shift }));
        fc.pre(sameStart.every((point) => point.quotaNum >= 0));
        expectNotShorter(days(forecast(lighter.points, lighter.now)), days(forecast(sameStart, lighter.now)));
      }),
    );
  });

  it('keeps its promises on any input: daysLeft ≥ 0, runsOutAt = now + daysLeft, nulls together, order irrelevant', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.double(), fc.constant(Number.NaN));
    const point = fc.record({
      hoursAgo: fc.oneof(fc.integer({ min: -5, max: 40 * 24 }), fc.double({ min: -10, max: 1000 })),
      quotaNum: value,
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 200, size: 'max' }), fc.boolean(), (raw, fixedClock) => {
        const now = fixedClock ? NOW : NOW + 12_345;
        const points = raw.map(({ hoursAgo, quotaNum }) => ({ at: now - hoursAgo * HOUR, quotaNum }));
        const result = forecast(points, now);
        expect(Number.isFinite(result.basedOnHours) && result.basedOnHours >= 0).toBe(true);
        expect(result.dailyUsage === null).toBe(result.basedOnHours < 24);
        if (result.dailyUsage !== null) expect(result.dailyUsage).toBeGreaterThanOrEqual(0);
        expect(result.runsOutAt === null).toBe(result.daysLeft === null);
        if (result.daysLeft !== null) {
          expect(result.daysLeft).toBeGreaterThanOrEqual(0);
          expect(Math.abs(Date.parse(result.runsOutAt as string) - (now + result.daysLeft * DAY))).toBeLessThanOrEqual(
            1,
          );
        }
        expect(forecast([...points].reverse(), now)).toEqual(result);
      }),
    );
  });

  it('forecasts from a stored usage profile exactly as from the history it was learnt from', () => {
    fc.assert(
      fc.property(usageHistory, (history) => {
        const { points, now } = toPoints(history);
        const last = points[points.length - 1] as BalancePoint;
        expect(forecastFromProfile(usageProfile(points, now), last, now)).toEqual(forecast(points, now));
      }),
    );
  });

  it('never lengthens daysLeft for a lower balance walked through the same stored profile, hours after it was learnt', () => {
    fc.assert(
      fc.property(usageHistory, fc.nat({ max: 5000 }), fc.nat({ max: 6 * 60 }), (history, drop, minutes) => {
        const { points, now } = toPoints(history);
        const profile = usageProfile(points, now);
        const later = now + minutes * MINUTE;
        const reading = { at: later, quotaNum: (points[points.length - 1] as BalancePoint).quotaNum };
        const lower = { at: later, quotaNum: Math.max(0, reading.quotaNum - drop) };
        expectNotShorter(
          days(forecastFromProfile(profile, reading, later)),
          days(forecastFromProfile(profile, lower, later)),
        );
      }),
    );
  });
});
