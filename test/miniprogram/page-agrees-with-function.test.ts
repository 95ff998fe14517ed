/**
 * What the page says agrees with what the function does: the same verdicts, limits, names and
 * sentences. The values both use are one (src/contract, copied to miniprogram/contract by the build);
 * these are the rules each side applies on its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fc from 'fast-check';
import type { AccountQuota } from '../../src/contract/answers';
import { ERROR_RULES } from '../../src/core/errors/error-table';
import { ErrorCode } from '../../src/contract/errors';
import { FORECAST_HORIZON_DAYS, FORECAST_MIN_HISTORY_HOURS } from '../../src/core/forecast/forecast';
import { ALERT_PAGE, FUNCTION_NAME, TIMER_EVERY_MINUTES } from '../../src/contract/values';
import { LOW_THRESHOLD_VARIABLE } from '../../src/function/alerts/settings';
import { ALERT_DAYS_VARIABLE } from '../../src/function/alerts/alert-days';
import { runsOutSoon } from '../../src/function/alerts/plan';
import { ADMIN_OPENIDS_VARIABLE } from '../../src/function/access/authorize';
import { TIMER_REFRESH_AFTER_MS } from '../../src/function/balances';
import { SHARED_APPIDS_VARIABLE } from '../../src/function/access/cross-account';
import { DEFAULT_PUBLISHED_PAGES } from '../../emulator/subscribe-messages';
import {
  CALL_FAILED_TEXT,
  COURIER_REFUSED,
  ERROR_TEXTS,
  FORBIDDEN_TEXTS,
  MALFORMED_RESULT_TEXT,
  PERMISSION_TEXTS,
  RATE_LIMIT_TEXTS,
} from '../../miniprogram/services/error-text';
import { forecastLine } from '../../miniprogram/services/forecast-text';
import { loadBalances, type CallFunction } from '../../miniprogram/services/quota-service';
import { STORED_FRESH_MS } from '../../miniprogram/services/stored-balance';
import { TREND_PAGE } from '../../miniprogram/services/trend-link';

const ROOT = path.resolve(__dirname, '../..');
const appPages = (JSON.parse(readFileSync(path.join(ROOT, 'miniprogram/app.json'), 'utf8')) as { pages: string[] })
  .pages;
const codesMappedTo = (code: ErrorCode): number[] =>
  [...ERROR_RULES].filter(([, rule]) => rule.code === code).map(([errCode]) => errCode);
const numericKeys = (table: Readonly<Record<number, string>>): number[] => Object.keys(table).map(Number);

describe('the page and the function agree', () => {
  it('mark red as running out soon exactly the accounts the alerts call running out soon', () => {
    const account = {} as AccountQuota;
    fc.assert(
      // Whole days too: a run-out exactly alertDays away is where < and <= part.
      fc.property(
        fc.option(fc.oneof(fc.integer({ min: 0, max: 31 }), fc.double({ min: 0, max: 60, noNaN: true }))),
        fc.integer({ min: 0, max: 31 }),
        (daysLeft, alertDays) => {
          const forecast = {
            dailyUsage: daysLeft === null ? null : 5,
            daysLeft,
            runsOutAt: daysLeft === null ? null : '2026-12-01T00:00:00.000Z',
            basedOnHours: 48,
          };
          expect(forecastLine(forecast, alertDays).soon).toBe(runsOutSoon({ ...account, forecast }, alertDays));
        },
      ),
    );
  });

  it("say what the function's forecast limits mean: a day of history at least, ten years at most", () => {
    expect(FORECAST_MIN_HISTORY_HOURS).toBe(24);
    expect(forecastLine({ dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 23 }, 3).text).toBe(
      '用量不足一天的数据，暂无预测',
    );
    expect(FORECAST_HORIZON_DAYS).toBe(3650);
    expect(forecastLine({ dailyUsage: 1, daysLeft: null, runsOutAt: null, basedOnHours: 48 }, 3).text).toBe(
      '按近期用量够用十年以上',
    );
  });

  it("treat a stored balance as fresh only while the timer's hourly refresh can have kept it so", () => {
    // The timer refreshes an account once its stored reading is this old, at its next run.
    const refreshedWithin = TIMER_REFRESH_AFTER_MS + TIMER_EVERY_MINUTES * 60_000;
    expect(STORED_FRESH_MS).toBeGreaterThan(refreshedWithin);
    expect(STORED_FRESH_MS).toBeLessThanOrEqual(3 * refreshedWithin);
  });

  it('call the function by its name, and name it in their sentences', async () => {
    const names: string[] = [];
    const recording: CallFunction = async ({ name }) => {
      names.push(name);
      return { result: { ok: false, error: { code: 'INTERNAL', message: '' } } };
    };
    await loadBalances(recording);
    expect(names).toEqual([FUNCTION_NAME]);
    for (const text of [CALL_FAILED_TEXT, MALFORMED_RESULT_TEXT, ERROR_TEXTS.INTERNAL, ERROR_TEXTS.CONFIG_INVALID])
      expect(text).toContain(FUNCTION_NAME);
  });

  it("lead alerts and trend links to pages the mini-program has, and the emulator's published version has the alerts' page", () => {
    expect(appPages).toContain(ALERT_PAGE);
    expect(appPages).toContain(TREND_PAGE.replace(/^\//, ''));
    expect(DEFAULT_PUBLISHED_PAGES).toEqual([ALERT_PAGE]);
    expect(ERROR_RULES.get(41030)?.hint).toContain(`(${ALERT_PAGE})`);
  });

  it('have a sentence for each stable code, and none for a code the function does not have', () => {
    expect(Object.keys(ERROR_TEXTS).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it("give advice for exactly the WeChat codes the function reports as RATE_LIMITED, and only for PERMISSION_DENIED's and WECHAT_ERROR's own codes", () => {
    expect(numericKeys(RATE_LIMIT_TEXTS).sort()).toEqual(codesMappedTo(ErrorCode.RATE_LIMITED).sort());
    for (const errCode of numericKeys(PERMISSION_TEXTS))
      expect(ERROR_RULES.get(errCode)?.code).toBe(ErrorCode.PERMISSION_DENIED);
    expect(ERROR_RULES.get(COURIER_REFUSED)?.code).toBe(ErrorCode.WECHAT_ERROR);
  });

  it('name only environment variables the function reads', () => {
    const known = new Set([
      ADMIN_OPENIDS_VARIABLE,
      SHARED_APPIDS_VARIABLE,
      LOW_THRESHOLD_VARIABLE,
      ALERT_DAYS_VARIABLE,
    ]);
    const texts = [...Object.values(ERROR_TEXTS), ...Object.values(FORBIDDEN_TEXTS)];
    const named = texts.flatMap((text) => text.match(/QUOTA_[A-Z_]+/g) ?? []);
    expect(named.length).toBeGreaterThan(0);
    for (const variable of named) expect(known).toContain(variable);
  });
});
