import { DAY_MS, HOUR_MS, isValidPoint, type BalancePoint } from './balance-points';

/** How long readings are kept: the forecast's four weeks, the 30-day trend, and a week to spare. */
export const HISTORY_DAYS = 35;
/** Readings kept per clock hour: an hourly timer makes one, live reads by admins may make many. */
export const HISTORY_MAX_POINTS_PER_HOUR = 4;

export interface ThinPolicy {
  keepDays: number;
  maxPointsPerHour: number;
}

export const DEFAULT_THIN_POLICY: ThinPolicy = {
  keepDays: HISTORY_DAYS,
  maxPointsPerHour: HISTORY_MAX_POINTS_PER_HOUR,
};

/**
 * Which stored readings to keep and which to delete, returned as the very objects passed in (so the
 * storage can delete by its own ids). Deleted: invalid readings, readings older than `keepDays`, exact
 * repeats of an instant (the lower balance stays), and, in a clock hour holding more than
 * `maxPointsPerHour`, the readings that matter least. Usage is the sum of drops, and a reading in the
 * middle of a steady fall adds nothing to it, so those go first; the hour's first and last readings
 * stay, and of the turning points (a low before a top-up, a high after one) the largest swings stay.
 * Hours are the same in UTC and China time, so thinning does not depend on the zone.
 */
export function thinHistory<T extends BalancePoint>(
  points: readonly T[],
  now: number,
  policy: ThinPolicy = DEFAULT_THIN_POLICY,
): { keep: T[]; drop: T[] } {
  if (!(policy.keepDays > 0) || !Number.isInteger(policy.maxPointsPerHour) || policy.maxPointsPerHour < 2) {
    throw new RangeError(
      `thinHistory needs keepDays > 0 and an integer maxPointsPerHour ≥ 2, got ${JSON.stringify(policy)}`,
    );
  }
  const oldest = now - policy.keepDays * DAY_MS;
  const candidates = points.filter((point) => isValidPoint(point) && point.at >= oldest);
  candidates.sort((a, b) => a.at - b.at || a.quotaNum - b.quotaNum);
  const unique = candidates.filter((point, index) => index === 0 || (candidates[index - 1] as T).at !== point.at);

  // A turning point is the first reading of a low before a rise or of a high before a fall; its swing
  // is the smaller of the moves into and out of it: what usage loses if it goes.
  const swings = unique.map(() => 0);
  let next = unique.length;
  for (let index = unique.length - 2; index >= 1; index -= 1) {
    if ((unique[index + 1] as T).quotaNum !== (unique[index] as T).quotaNum) next = index + 1;
    if (next === unique.length) continue;
    const before = (unique[index] as T).quotaNum - (unique[index - 1] as T).quotaNum;
    const after = (unique[next] as T).quotaNum - (unique[index] as T).quotaNum;
    if (before * after < 0) swings[index] = Math.min(Math.abs(before), Math.abs(after));
  }

  const keep = new Set<T>();
  let hourStart = 0;
  while (hourStart < unique.length) {
    const hour = Math.floor((unique[hourStart] as T).at / HOUR_MS);
    let hourEnd = hourStart;
    while (hourEnd < unique.length && Math.floor((unique[hourEnd] as T).at / HOUR_MS) === hour) hourEnd += 1;
    for (const index of keptInHour(swings, hourStart, hourEnd, policy.maxPointsPerHour)) keep.add(unique[index] as T);
    hourStart = hourEnd;
  }
  return { keep: points.filter((point) => keep.has(point)), drop: points.filter((point) => !keep.has(point)) };
}

/** Indexes of the readings kept from the hour [start, end): first, last, then the largest swings. */
function keptInHour(swings: readonly number[], start: number, end: number, max: number): number[] {
  const all = Array.from({ length: end - start }, (_, offset) => start + offset);
  if (all.length <= max) return all;
  const turns = all.slice(1, -1).filter((index) => (swings[index] as number) > 0);
  turns.sort((a, b) => (swings[b] as number) - (swings[a] as number) || a - b);
  return [start, end - 1, ...turns.slice(0, max - 2)];
}
