import { DAY_MS } from './balance-points';
import { dayStart, weekday } from './china-calendar';
import type { WeekdayUsage } from './weekday-profile';

/**
 * When `balance` waybills, held at `from`, run out if the shop uses `perWeekday` waybills on each
 * weekday (China time): walked day by day, after skipping whole weeks, which all use the same. Null
 * when nothing is used.
 */
export function projectRunOut(
  balance: number,
  from: number,
  perWeekday: WeekdayUsage,
  offsetMs: number,
): number | null {
  if (balance <= 0) return from;
  const weekUsage = perWeekday.reduce((sum, daily) => sum + daily, 0);
  if (!(weekUsage > 0)) return null;
  let left = balance;
  let at = from;
  const walk = (days: number): number | null => {
    for (let day = 0; day < days; day += 1) {
      const end = dayStart(at, offsetMs) + DAY_MS;
      const perDay = perWeekday[weekday(at, offsetMs)] ?? 0;
      const used = (perDay * (end - at)) / DAY_MS;
      if (perDay > 0 && used >= left) return at + (left / perDay) * DAY_MS;
      left -= used;
      at = end;
    }
    return null;
  };
  // Finish the current day, so whole weeks start at midnight; then skip all but the last week or two.
  const sameDay = walk(1);
  if (sameDay !== null) return sameDay;
  const weeks = Math.max(0, Math.floor(left / weekUsage) - 1);
  left -= weeks * weekUsage;
  at += weeks * 7 * DAY_MS;
  return walk(15);
}
