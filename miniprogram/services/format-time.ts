const pad = (value: number) => String(value).padStart(2, '0');

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** How far ahead of the phone's clock a time may be and still read as 刚刚: phones' clocks drift. */
const CLOCK_SKEW_MS = MINUTE_MS;

/**
 * A time as the merchant reads it, in the phone's time zone: 刚刚 or `N 分钟前` within the hour,
 * `11-29 09:00` this year, `2023-11-29 09:00` otherwise, so an old cached figure never passes for a
 * recent one. An unreadable time is shown as it came.
 */
export function formatTime(iso: string, now: number): string {
  const date = new Date(iso);
  const time = date.getTime();
  if (Number.isNaN(time)) return iso;
  const age = now - time;
  if (age >= -CLOCK_SKEW_MS && age < MINUTE_MS) return '刚刚';
  if (age >= MINUTE_MS && age < HOUR_MS) return `${Math.floor(age / MINUTE_MS)} 分钟前`;
  const day = `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return date.getFullYear() === new Date(now).getFullYear() ? day : `${date.getFullYear()}-${day}`;
}
