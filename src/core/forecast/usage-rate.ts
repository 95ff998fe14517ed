import type { BalancePoint } from './balance-points';

/** Waybills used between two instants, from a cleaned history. */
export type UsageBetween = (from: number, to: number) => number;

/**
 * Usage over time as the history shows it. Between two readings the account used the drop in balance,
 * spread evenly over the interval, so a missed run neither loses usage nor doubles the next one. A rise
 * is a top-up: that interval counts no usage (never negative usage), and the top-up itself counts for
 * nothing. Outside the readings there is no usage.
 */
export function usageFromHistory(points: readonly BalancePoint[]): UsageBetween {
  // Cumulative usage at each reading, so any window costs two binary searches.
  const cumulative = [0];
  for (let index = 1; index < points.length; index += 1) {
    const drop = (points[index - 1] as BalancePoint).quotaNum - (points[index] as BalancePoint).quotaNum;
    cumulative.push((cumulative[index - 1] as number) + Math.max(0, drop));
  }
  const usedBy = (at: number): number => {
    const first = points[0];
    const last = points[points.length - 1];
    if (!first || !last || at <= first.at) return 0;
    if (at >= last.at) return cumulative[cumulative.length - 1] as number;
    let low = 0;
    let high = points.length - 1;
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if ((points[middle] as BalancePoint).at <= at) low = middle;
      else high = middle;
    }
    const start = points[low] as BalancePoint;
    const end = points[high] as BalancePoint;
    const before = cumulative[low] as number;
    const after = cumulative[high] as number;
    return before + (after - before) * ((at - start.at) / (end.at - start.at));
  };
  return (from, to) => Math.max(0, usedBy(to) - usedBy(from));
}
