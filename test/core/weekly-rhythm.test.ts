import { CHINA_UTC_OFFSET_MS, weekday } from '../../src/core/forecast/china-calendar';
import { forecast } from '../../src/core/forecast/forecast';
import { projectRunOut } from '../../src/core/forecast/run-out';
import { usageFromHistory } from '../../src/core/forecast/usage-rate';
import { weekdayUsage } from '../../src/core/forecast/weekday-profile';
import { DAY, HOUR, hourlySeries } from '../support/balance-series';

/** Monday 9 March 2026, 13:00 in China. */
const MONDAY = Date.UTC(2026, 2, 9, 5);
// Closed on Sundays in China (Saturday 16:00 to Sunday 16:00 UTC), 5 waybills an hour otherwise.
const closedSundays = (at: number) => (weekday(at) === 0 ? 0 : 5);

describe('weekly rhythm', () => {
  it('learns from three weeks that Sundays (China time) are quiet', () => {
    const points = hourlySeries(22 * 24, MONDAY, 5000, closedSundays);
    // Each weekday's median (0 on Sundays, 120 otherwise) over three weeks, pulled toward the usual 100 by one week.
    expect(weekdayUsage(points, usageFromHistory(points), 100, CHINA_UTC_OFFSET_MS)).toEqual([
      25, 115, 115, 115, 115, 115, 115,
    ]);
  });

  it('stays flat until it has three of each weekday', () => {
    const points = hourlySeries(20 * 24, MONDAY, 5000, closedSundays);
    expect(weekdayUsage(points, usageFromHistory(points), 100, CHINA_UTC_OFFSET_MS)).toEqual([
      100, 100, 100, 100, 100, 100, 100,
    ]);
  });

  it('reads weekdays in China time whatever the zone of the process', () => {
    expect(weekday(Date.UTC(2026, 2, 14, 15, 59))).toBe(6);
    expect(weekday(Date.UTC(2026, 2, 14, 16, 0))).toBe(0);
  });

  it('lets a quiet Sunday ahead delay the run-out', () => {
    const result = forecast(hourlySeries(22 * 24, MONDAY, 1000, closedSundays), MONDAY);
    // 24-hour windows back from Monday 13:00 use 65 (Sun→Mon), 55 (Sat→Sun) or 120 waybills; the usual level
    // is their trimmed mean, 113.125; the current one the median of the last three, 65.
    const busy = (3 * 120 + 113.125) / 4;
    const sunday = Math.max(113.125 / 4, 65);
    // From Monday 13:00: the rest of Monday, Tuesday to Saturday, Sunday, Monday and Tuesday, then part of Wednesday.
    const usedBeforeWednesday = busy * (11 / 24 + 5 + 2) + sunday;
    expect(result.daysLeft).toBeCloseTo(11 / 24 + 5 + 1 + 2 + (1000 - usedBeforeWednesday) / busy, 9);
    expect(result.dailyUsage).toBeCloseTo((6 * busy + sunday) / 7, 9);
  });

  it('lifts every weekday, the quiet Sunday too, to the current level during a surge', () => {
    const tripled = (at: number) => closedSundays(at) * (at >= MONDAY - 3 * DAY ? 3 : 1);
    const result = forecast(hourlySeries(22 * 24, MONDAY, 1000, tripled), MONDAY);
    // The last three 24-hour windows used 195 (Sun→Mon), 165 (Sat→Sun) and 360 waybills: the current level is 195.
    expect(result.dailyUsage).toBeCloseTo(195, 9);
  });

  it('walks the projection day by day through the weekdays', () => {
    const sundayOff = [0, 140, 140, 140, 140, 140, 140];
    const saturdayNoon = Date.UTC(2026, 2, 14, 12) - CHINA_UTC_OFFSET_MS;
    // Half a Saturday (70), nothing on Sunday, then 140 a day: 140 waybills last until Monday 12:00.
    expect(projectRunOut(140, saturdayNoon, sundayOff, CHINA_UTC_OFFSET_MS)).toBeCloseTo(saturdayNoon + 2 * DAY, 0);
    expect(projectRunOut(0, saturdayNoon, sundayOff, CHINA_UTC_OFFSET_MS)).toBe(saturdayNoon);
    expect(projectRunOut(10, saturdayNoon, [0, 0, 0, 0, 0, 0, 0], CHINA_UTC_OFFSET_MS)).toBeNull();
  });

  it('skips whole weeks for a balance that lasts months', () => {
    const start = MONDAY - 13 * HOUR;
    expect(projectRunOut(120 * 365, start, [120, 120, 120, 120, 120, 120, 120], CHINA_UTC_OFFSET_MS)).toBeCloseTo(
      start + 365 * DAY,
      0,
    );
  });
});
