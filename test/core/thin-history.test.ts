import fc from 'fast-check';
import type { BalancePoint } from '../../src/core/forecast/balance-points';
import { HISTORY_DAYS, HISTORY_MAX_POINTS_PER_HOUR, thinHistory } from '../../src/core/forecast/thin-history';
import { DAY, HOUR, NOW } from '../support/balance-series';

type Stored = BalancePoint & { _id: string };
const stored = (points: Array<[number, number]>): Stored[] =>
  points.map(([at, quotaNum], index) => ({ _id: `p${index}`, at, quotaNum }));
const ids = (points: readonly Stored[]) => points.map((point) => point._id);

/** Usage as the forecast reads it: the sum of drops between readings in time order. */
function sumOfDrops(points: readonly BalancePoint[]): number {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  return sorted
    .slice(1)
    .reduce((sum, point, index) => sum + Math.max(0, (sorted[index] as BalancePoint).quotaNum - point.quotaNum), 0);
}

describe('thinHistory', () => {
  it('keeps 35 days of hourly readings untouched and drops older ones', () => {
    const points = stored(Array.from({ length: 40 * 24 }, (_, hour) => [NOW - hour * HOUR, 1000 + hour]));
    const { keep, drop } = thinHistory(points, NOW);
    expect(HISTORY_DAYS).toBe(35);
    expect(keep).toHaveLength(35 * 24 + 1);
    expect(drop.every((point) => point.at < NOW - 35 * DAY)).toBe(true);
  });

  it('drops invalid readings and repeats of an instant, keeping the lower balance', () => {
    const points: Stored[] = [
      ...stored([
        [NOW, 50],
        [NOW, 40],
        [NOW - HOUR, 60],
      ]),
      { _id: 'nan', at: Number.NaN, quotaNum: 1 },
      { _id: 'neg', at: NOW, quotaNum: -1 },
    ];
    const { keep, drop } = thinHistory(points, NOW);
    expect(ids(keep)).toEqual(['p1', 'p2']);
    expect(ids(drop)).toEqual(['p0', 'nan', 'neg']);
  });

  it('thins a busy hour to its first and last readings and the turns around a top-up', () => {
    const hour = NOW - (NOW % HOUR);
    const minute = 60_000;
    // 100 → 50 (steady fall), top-up to 200, falls to 190: the 50 and the 200 carry the usage.
    const points = stored([
      [hour, 100],
      [hour + minute, 90],
      [hour + 2 * minute, 70],
      [hour + 3 * minute, 50],
      [hour + 4 * minute, 50],
      [hour + 5 * minute, 200],
      [hour + 6 * minute, 195],
      [hour + 7 * minute, 190],
    ]);
    const { keep } = thinHistory(points, hour + HOUR);
    expect(ids(keep)).toEqual(['p0', 'p3', 'p5', 'p7']);
    expect(sumOfDrops(keep)).toBe(sumOfDrops(points));
  });

  it('refuses a policy that cannot keep an hour whole', () => {
    expect(() => thinHistory([], NOW, { keepDays: 35, maxPointsPerHour: 1 })).toThrow(RangeError);
  });

  it('always splits the input, keeps at most the cap per hour, and loses no usage with one top-up an hour', () => {
    const minutes = fc.array(
      fc.record({ minute: fc.integer({ min: 0, max: 6 * 60 - 1 }), drop: fc.integer({ min: 0, max: 20 }) }),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(
        minutes,
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 59 }),
        (readings, topUps, topUpMinute) => {
          const sorted = [...new Map(readings.map((reading) => [reading.minute, reading])).values()].sort(
            (a, b) => a.minute - b.minute,
          );
          let balance = 10_000;
          const points: Stored[] = sorted.map(({ minute, drop }, index) => {
            const hourIndex = Math.floor(minute / 60);
            const previous = sorted[index - 1];
            // At most one top-up per hour, at a fixed minute.
            if (
              previous &&
              minute % 60 >= topUpMinute &&
              (Math.floor(previous.minute / 60) < hourIndex || previous.minute % 60 < topUpMinute)
            )
              balance += topUps[hourIndex] as number;
            balance -= drop;
            return { _id: `p${index}`, at: NOW + minute * 60_000, quotaNum: balance };
          });
          const { keep, drop } = thinHistory(points, NOW + DAY);
          expect(keep.length + drop.length).toBe(points.length);
          expect(new Set([...keep, ...drop]).size).toBe(points.length);
          const perHour = new Map<number, number>();
          for (const point of keep)
            perHour.set(Math.floor(point.at / HOUR), (perHour.get(Math.floor(point.at / HOUR)) ?? 0) + 1);
          expect(Math.max(0, ...perHour.values())).toBeLessThanOrEqual(HISTORY_MAX_POINTS_PER_HOUR);
          expect(sumOfDrops(keep)).toBe(sumOfDrops(points));
        },
      ),
    );
  });
});
