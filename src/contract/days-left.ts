/* How many days an account has left, in the merchant's words: the page and the robots' digests say it alike. */

const HOURS_PER_DAY = 24;

/**
 * When the account runs out. Whole days are rounded down (2.7 days reads 约 2 天), erring early like
 * the alerts; under a day it counts hours, since "today" would be wrong for a run-out at 3 a.m.
 */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft <= 0) return '已用完';
  if (daysLeft >= 1) return `约 ${Math.floor(daysLeft)} 天后用完`;
  const hours = Math.floor(daysLeft * HOURS_PER_DAY);
  return hours < 1 ? '1 小时内可能用完' : `约 ${hours} 小时后用完`;
}
