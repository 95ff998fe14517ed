import { DAY_MS, HOUR_MS } from './balance-points';

/** Shops keep China's calendar (UTC+8, no daylight saving) wherever the function happens to run. */
export const CHINA_UTC_OFFSET_MS = 8 * HOUR_MS;

/** Start (epoch ms) of the calendar day containing `at`, in the zone `offsetMs` ahead of UTC. */
export function dayStart(at: number, offsetMs = CHINA_UTC_OFFSET_MS): number {
  return Math.floor((at + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
}

/** Weekday (0 = Sunday … 6 = Saturday) of `at` in the zone `offsetMs` ahead of UTC. */
export function weekday(at: number, offsetMs = CHINA_UTC_OFFSET_MS): number {
  return new Date(at + offsetMs).getUTCDay();
}
