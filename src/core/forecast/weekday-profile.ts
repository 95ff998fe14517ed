import { DAY_MS, type BalancePoint } from './balance-points';
import { dayStart, weekday } from './china-calendar';
import { median } from './robust-stats';
import type { UsageBetween } from './usage-rate';

/** A weekly rhythm is learnt only from at least three of each weekday, so one odd day cannot set a weekday's median. */
export const WEEKLY_PROFILE_MIN_WEEKS = 3;
/** Each weekday's level is pulled toward the usual level as if by this many average weeks, so two weeks do not overfit. */
export const WEEKLY_PROFILE_PRIOR_WEEKS = 1;

/** Waybills a shop uses on each weekday (0 = Sunday … 6 = Saturday), China time. */
export type WeekdayUsage = readonly number[];

/**
 * Each weekday's usage: the median of its whole calendar days (China time) in the history, pulled
 * toward `usualDaily` by one average week; `usualDaily` for every weekday until the history holds
 * three of each. Only medians and fixed weights, never ratios, so no weekday's level can fall when
 * any usage grows: the property "more usage never lengthens daysLeft" rests on that.
 */
export function weekdayUsage(
  points: readonly BalancePoint[],
  usage: UsageBetween,
  usualDaily: number,
  offsetMs: number,
): WeekdayUsage {
  const flat = [0, 1, 2, 3, 4, 5, 6].map(() => usualDaily);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || last.at - first.at < WEEKLY_PROFILE_MIN_WEEKS * 7 * DAY_MS) return flat;
  const byWeekday: number[][] = [[], [], [], [], [], [], []];
  for (let start = dayStart(first.at - 1, offsetMs) + DAY_MS; start + DAY_MS <= last.at; start += DAY_MS) {
    byWeekday[weekday(start, offsetMs)]?.push(usage(start, start + DAY_MS));
  }
  if (byWeekday.some((days) => days.length < WEEKLY_PROFILE_MIN_WEEKS)) return flat;
  return byWeekday.map(
    (days) =>
      (median(days) * days.length + usualDaily * WEEKLY_PROFILE_PRIOR_WEEKS) /
      (days.length + WEEKLY_PROFILE_PRIOR_WEEKS),
  );
}
