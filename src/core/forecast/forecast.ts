import { cleanPoints, DAY_MS, HOUR_MS, MAX_DATE_MS, type BalancePoint } from './balance-points';
import { CHINA_UTC_OFFSET_MS } from './china-calendar';
import { median, trimmedMean } from './robust-stats';
import { projectRunOut } from './run-out';
import { usageFromHistory, type UsageBetween } from './usage-rate';
import { weekdayUsage, type WeekdayUsage } from './weekday-profile';
import type { Forecast } from '../../contract/answers';

/** No forecast from less history than this: one whole day, so the night does not pass for a slowdown. */
export const FORECAST_MIN_HISTORY_HOURS = 24;
/** Only the most recent readings count: four weeks, enough for the weekly rhythm. */
export const FORECAST_WINDOW_DAYS = 28;
/** The usual level: trimmed mean of the last this many 24-hour windows. */
export const LEVEL_BASE_DAYS = 14;
/** Share of those windows dropped at each end, so one-off spikes and dead days do not move it. */
export const LEVEL_TRIM_RATIO = 0.25;
/** The current level: median of the last this many 24-hour windows, so a lasting surge shows within two days. */
export const LEVEL_RECENT_DAYS = 3;
/** A run-out further away than this (ten years) is treated as none. */
export const FORECAST_HORIZON_DAYS = 3650;

export interface ForecastOptions {
  windowDays?: number;
  minHistoryHours?: number;
  /** The shop's calendar, for the weekly rhythm: milliseconds ahead of UTC. China (UTC+8) by default. */
  utcOffsetMs?: number;
}

/**
 * What the forecast learns from an account's history, apart from its balance: enough to forecast
 * from any later balance without reading the history again. Stored beside the latest balance, so a
 * page of many accounts reads a few hundred bytes per account, however long the history.
 */
export interface UsageProfile {
  /** When it was computed, epoch ms. */
  computedAt: number;
  /** The first reading in the forecast's window then, epoch ms; null with no reading. */
  firstAt: number | null;
  /** Waybills each weekday (0 = Sunday), China time; null below the minimum history. */
  perWeekday: number[] | null;
}

/** The usage profile of `points` as of `now`. */
export function usageProfile(points: readonly unknown[], now: number, options: ForecastOptions = {}): UsageProfile {
  const windowDays = options.windowDays ?? FORECAST_WINDOW_DAYS;
  const minHistoryHours = options.minHistoryHours ?? FORECAST_MIN_HISTORY_HOURS;
  const recent = cleanPoints(points).filter((point) => point.at <= now && point.at >= now - windowDays * DAY_MS);
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (!first || !last) return { computedAt: now, firstAt: null, perWeekday: null };
  if ((last.at - first.at) / HOUR_MS < minHistoryHours) return { computedAt: now, firstAt: first.at, perWeekday: null };
  const usage = usageFromHistory(recent);
  return {
    computedAt: now,
    firstAt: first.at,
    perWeekday: [...perWeekdayUsage(recent, usage, options.utcOffsetMs ?? CHINA_UTC_OFFSET_MS)],
  };
}

/**
 * The forecast from a usage profile and the latest balance (which may be newer than the profile):
 * the same as `forecast` on the history the profile was computed from, when `latest` is its last reading.
 */
export function forecastFromProfile(
  profile: UsageProfile | undefined,
  latest: BalancePoint,
  now: number,
  options: ForecastOptions = {},
): Forecast {
  const windowStart = now - (options.windowDays ?? FORECAST_WINDOW_DAYS) * DAY_MS;
  const firstAt = profile?.firstAt ?? null;
  const basedOnHours = firstAt === null ? 0 : Math.max(0, latest.at - Math.max(firstAt, windowStart)) / HOUR_MS;
  const perWeekday = profile?.perWeekday;
  if (!perWeekday || basedOnHours < (options.minHistoryHours ?? FORECAST_MIN_HISTORY_HOURS))
    return { dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours };
  const offsetMs = options.utcOffsetMs ?? CHINA_UTC_OFFSET_MS;
  const dailyUsage = perWeekday.reduce((sum, daily) => sum + daily, 0) / perWeekday.length;
  const runOut = projectRunOut(latest.quotaNum, latest.at, perWeekday, offsetMs);
  const daysLeft = runOut === null ? null : Math.max(0, (runOut - now) / DAY_MS);
  if (daysLeft === null || daysLeft > FORECAST_HORIZON_DAYS || now + daysLeft * DAY_MS > MAX_DATE_MS)
    return { dailyUsage, daysLeft: null, runsOutAt: null, basedOnHours };
  return { dailyUsage, daysLeft, runsOutAt: new Date(now + daysLeft * DAY_MS).toISOString(), basedOnHours };
}

/**
 * When an account's waybills run out, from its balance readings. Usage is the sum of drops (a rise is
 * a top-up), spread over the time between readings (so gaps neither lose nor double usage). Each
 * weekday is projected at the higher of its own usual level (weekly rhythm, China time) and the
 * current level, and the balance is walked forward day by day through them (`perWeekdayUsage`).
 */
export function forecast(points: readonly unknown[], now: number, options: ForecastOptions = {}): Forecast {
  const windowDays = options.windowDays ?? FORECAST_WINDOW_DAYS;
  const last = cleanPoints(points)
    .filter((point) => point.at <= now && point.at >= now - windowDays * DAY_MS)
    .at(-1);
  if (!last) return { dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 0 };
  return forecastFromProfile(usageProfile(points, now, options), last, now, options);
}

/**
 * Waybills each weekday will use: the weekday's own level (learnt from the weekly rhythm), but never
 * under the current level, so a lasting surge lifts every day at once. The price: right after a busy
 * stretch, a quiet Sunday ahead is projected at the busy level (erring early, the safe side). Scaling
 * the current level by the weekly shape would fix that, but a shape is a ratio, and a ratio can fall
 * when usage grows: property tests found a small top-up shortening daysLeft that way.
 * Levels come from the 24-hour windows ending at the last reading (whole days, so the night is never
 * taken for a slowdown). Built from medians, trimmed means, fixed weights and max only: each weekday's
 * figure only grows when any usage grows, so more usage never lengthens daysLeft and a top-up (which
 * can only hide usage) never shortens it.
 */
function perWeekdayUsage(points: readonly BalancePoint[], usage: UsageBetween, offsetMs: number): WeekdayUsage {
  const first = points[0] as BalancePoint;
  const last = points[points.length - 1] as BalancePoint;
  const windows = Math.floor((last.at - first.at) / DAY_MS);
  const levels = Array.from({ length: Math.min(LEVEL_BASE_DAYS, windows) }, (_, index) =>
    usage(last.at - (index + 1) * DAY_MS, last.at - index * DAY_MS),
  );
  const usual =
    levels.length > 0
      ? trimmedMean(levels, LEVEL_TRIM_RATIO)
      : usage(first.at, last.at) / ((last.at - first.at) / DAY_MS);
  const current = levels.length > 0 ? median(levels.slice(0, LEVEL_RECENT_DAYS)) : usual;
  return weekdayUsage(points, usage, usual, offsetMs).map((daily) => Math.max(daily, current));
}
