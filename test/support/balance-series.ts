import type { BalancePoint } from '../../src/core/forecast/balance-points';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A Wednesday, 13:00 in China (05:00 UTC). */
export const NOW = Date.UTC(2026, 2, 11, 5);

/** Hourly readings over the `hours` before `end`, oldest first, the shop using `usage(hourStart)` each hour. */
export function hourlySeries(
  hours: number,
  end: number,
  balanceAtEnd: number,
  usage: (hourStart: number) => number,
): BalancePoint[] {
  const points: BalancePoint[] = [{ at: end, quotaNum: balanceAtEnd }];
  let balance = balanceAtEnd;
  for (let hour = 1; hour <= hours; hour += 1) {
    const at = end - hour * HOUR;
    balance += usage(at);
    points.unshift({ at, quotaNum: balance });
  }
  return points;
}

/** Days from `now` to an ISO instant. */
export const daysUntil = (iso: string | null, now: number): number => (Date.parse(iso ?? '') - now) / DAY;
