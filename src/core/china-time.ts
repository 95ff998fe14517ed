const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The parts of an instant on China's clock (UTC+8, no daylight saving), whatever the process's time zone. */
function chinaParts(epochMs: number): { year: number; month: number; day: number; hh: string; mm: string; ss: string } {
  const shifted = new Date(epochMs + CHINA_OFFSET_MS);
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hh: pad(shifted.getUTCHours()),
    mm: pad(shifted.getUTCMinutes()),
    ss: pad(shifted.getUTCSeconds()),
  };
}

/** `2026年11月29日`: how the merchant's admins read a date, and a value WeChat's date fields accept. */
export function chinaDate(epochMs: number): string {
  const { year, month, day } = chinaParts(epochMs);
  return `${year}年${month}月${day}日`;
}

/** `2026年11月29日 09:00`: WeChat's documented form for time and date fields. */
export function chinaDateTime(epochMs: number): string {
  const { hh, mm } = chinaParts(epochMs);
  return `${chinaDate(epochMs)} ${hh}:${mm}`;
}

/** `2026-11-29 09:00:05 +08:00`: China time for log lines people read. */
export function chinaLogTime(epochMs: number): string {
  const { year, month, day, hh, mm, ss } = chinaParts(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)} ${hh}:${mm}:${ss} +08:00`;
}
