/**
 * The values the page copies from the function (it cannot import them: WeChat DevTools compiles
 * miniprogram/ as its own root), each pinned here to the function's, so the two cannot drift apart.
 * The types the page copies are pinned at compile time by page-contract.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fc from 'fast-check';
import { ERROR_RULES } from '../../src/core/error-table';
import { ErrorCode } from '../../src/core/errors';
import { isLowBalance as functionIsLowBalance } from '../../src/core/low-balance';
import { DEFAULT_LOW_THRESHOLD as FUNCTION_DEFAULT_LOW_THRESHOLD, LOW_THRESHOLD_VARIABLE } from '../../src/function/alert-config';
import { ALERT_DAYS_VARIABLE } from '../../src/function/alert-days';
import { ALERT_PAGE } from '../../src/function/alerts';
import { ADMIN_OPENIDS_VARIABLE } from '../../src/function/authorize';
import { SHARED_APPIDS_VARIABLE } from '../../src/function/cross-account';
import { MAX_HISTORY_DAYS } from '../../src/function/event';
import { FUNCTION_NAME } from '../../src/function/function-name';
import { DEFAULT_PUBLISHED_PAGES } from '../../src/emulator/subscribe-messages';
import { DEFAULT_LOW_THRESHOLD, FUNCTION_NAME as PAGE_FUNCTION_NAME } from '../../miniprogram/config';
import { CALL_FAILED_TEXT, COURIER_REFUSED, ERROR_TEXTS, FORBIDDEN_TEXTS, MALFORMED_RESULT_TEXT, PERMISSION_TEXTS, RATE_LIMIT_TEXTS } from '../../miniprogram/services/error-text';
import { loadBalances, TREND_DAYS, type CallFunction } from '../../miniprogram/services/quota-service';
import { TREND_PAGE } from '../../miniprogram/services/trend-link';
import { isLowBalance } from '../../miniprogram/services/view-model';

const ROOT = path.resolve(__dirname, '../..');
const appPages = (JSON.parse(readFileSync(path.join(ROOT, 'miniprogram/app.json'), 'utf8')) as { pages: string[] }).pages;
const codesMappedTo = (code: ErrorCode): number[] => [...ERROR_RULES].filter(([, rule]) => rule.code === code).map(([errCode]) => errCode);
const numericKeys = (table: Readonly<Record<number, string>>): number[] => Object.keys(table).map(Number);

describe("the page's copies of the function's values", () => {
  it('call low exactly the balances the function calls low', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: -5, max: 300 })), fc.integer({ min: 0, max: 300 }), (quotaNum, lowThreshold) => {
        expect(isLowBalance(quotaNum, lowThreshold)).toBe(functionIsLowBalance(quotaNum, lowThreshold));
      }),
    );
    for (const quotaNum of [99, 100, 101]) expect(isLowBalance(quotaNum, 100)).toBe(functionIsLowBalance(quotaNum, 100));
  });

  it("fall back to the function's default low-balance threshold", () => {
    expect(DEFAULT_LOW_THRESHOLD).toBe(FUNCTION_DEFAULT_LOW_THRESHOLD);
  });

  it('call the function by its name, and name it in their sentences', async () => {
    const names: string[] = [];
    const recording: CallFunction = async ({ name }) => {
      names.push(name);
      return { result: { ok: false, error: { code: 'INTERNAL', message: '' } } };
    };
    await loadBalances(recording);
    expect(PAGE_FUNCTION_NAME).toBe(FUNCTION_NAME);
    expect(names).toEqual([FUNCTION_NAME]);
    for (const text of [CALL_FAILED_TEXT, MALFORMED_RESULT_TEXT, ERROR_TEXTS.INTERNAL, ERROR_TEXTS.CONFIG_INVALID]) expect(text).toContain(FUNCTION_NAME);
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
    for (const errCode of numericKeys(PERMISSION_TEXTS)) expect(ERROR_RULES.get(errCode)?.code).toBe(ErrorCode.PERMISSION_DENIED);
    expect(ERROR_RULES.get(COURIER_REFUSED)?.code).toBe(ErrorCode.WECHAT_ERROR);
  });

  it('name only environment variables the function reads', () => {
    const known = new Set([ADMIN_OPENIDS_VARIABLE, SHARED_APPIDS_VARIABLE, LOW_THRESHOLD_VARIABLE, ALERT_DAYS_VARIABLE]);
    const texts = [...Object.values(ERROR_TEXTS), ...Object.values(FORBIDDEN_TEXTS)];
    const named = texts.flatMap((text) => text.match(/QUOTA_[A-Z_]+/g) ?? []);
    expect(named.length).toBeGreaterThan(0);
    for (const variable of named) expect(known).toContain(variable);
  });

  it('ask for as many days of history as the function answers', () => {
    expect(TREND_DAYS).toBe(MAX_HISTORY_DAYS);
  });
});
