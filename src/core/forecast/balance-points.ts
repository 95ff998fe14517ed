/** One stored reading of an account's balance. */
export interface BalancePoint {
  /** When it was read, epoch milliseconds. */
  at: number;
  /** Waybills left at that moment. */
  quotaNum: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The last instant a JavaScript Date can hold. */
export const MAX_DATE_MS = 8.64e15;

/**
 * A reading the forecast can trust: a time a Date can hold, and a balance that is a count of waybills
 * (non-negative, at most 2^53, so sums of drops stay exact and finite).
 */
export function isValidPoint(point: unknown): point is BalancePoint {
  if (typeof point !== 'object' || point === null) return false;
  const { at, quotaNum } = point as Partial<BalancePoint>;
  return (
    typeof at === 'number' &&
    Math.abs(at) <= MAX_DATE_MS &&
    typeof quotaNum === 'number' &&
    quotaNum >= 0 &&
    quotaNum <= Number.MAX_SAFE_INTEGER
  );
}

/**
 * Valid points, oldest first, one per instant. Two readings at the same millisecond that disagree keep
 * the lower one: the cautious choice, and independent of the order the storage returned them in.
 */
export function cleanPoints(points: readonly unknown[]): BalancePoint[] {
  const valid = points.filter(isValidPoint).map(({ at, quotaNum }) => ({ at, quotaNum }));
  valid.sort((a, b) => a.at - b.at || a.quotaNum - b.quotaNum);
  return valid.filter((point, index) => index === 0 || (valid[index - 1] as BalancePoint).at !== point.at);
}
