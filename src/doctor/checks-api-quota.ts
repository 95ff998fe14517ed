import * as z from 'zod';
import { TIMER_REFRESH_AFTER_MS } from '../function/balances';
import { runsPerDay } from './cron';
import { fail, ok, unchecked, type Check } from './types';
import { describeCallFailure, type DoctorWechat } from './wechat';

export const API_QUOTA_PATH = '/cgi-bin/openapi/quota/get';
export const QUOTA_CGI_PATH = '/cgi-bin/express/business/quota/get';
export const ACCOUNTS_CGI_PATH = '/cgi-bin/express/business/account/getall';

const quotaSchema = z.object({
  quota: z.object({ dailyLimit: z.number(), used: z.number(), remain: z.number() }),
});

type Quota = z.output<typeof quotaSchema>['quota'];

const MINUTES_PER_DAY = 1_440;

/**
 * What the timer spends a day: getAllAccount once a run, and quota/get once per account every time its
 * stored balance is older than TIMER_REFRESH_AFTER_MS (src/function/balances.ts), so every k-th run.
 */
export function timerCallsPerDay(runs: number, accounts: number): { quota: number; accounts: number } {
  const intervalMs = (MINUTES_PER_DAY / runs) * 60_000;
  const everyNthRun = Math.max(1, Math.ceil(TIMER_REFRESH_AFTER_MS / intervalMs));
  return { quota: Math.ceil((runs / everyNthRun) * accounts), accounts: runs };
}

/**
 * Check 5: the daily quota of quota/get and getAllAccount (used, limit), and whether the timer's cadence
 * times the bound accounts fits it. Page loads and `npm run quota` spend the same quota on top.
 */
export async function checkApiQuota(
  wechat: DoctorWechat,
  trigger: string | undefined,
  accounts: number | undefined,
): Promise<Check> {
  const ID = 'api-quota';
  const quotas: Quota[] = [];
  for (const cgiPath of [QUOTA_CGI_PATH, ACCOUNTS_CGI_PATH]) {
    try {
      const answer = await wechat.call(
        { api: 'openapi/quota/get', method: 'POST', path: API_QUOTA_PATH, body: { cgi_path: cgiPath } },
        quotaSchema,
      );
      quotas.push(answer.quota);
    } catch (error) {
      const failure = describeCallFailure(error, `openapi/quota/get for ${cgiPath}`);
      return failure.unreachable ? unchecked(ID, failure.finding, failure.fix) : fail(ID, failure.finding, failure.fix);
    }
  }
  const [quota, list] = quotas as [Quota, Quota];
  const usage = `quota/get ${quota.used} of ${quota.dailyLimit} used today, getAllAccount ${list.used} of ${list.dailyLimit}`;
  const spent = [quota.remain <= 0 && 'quota/get', list.remain <= 0 && 'getAllAccount'].filter(Boolean);
  if (spent.length > 0)
    return fail(
      ID,
      `${usage}: the daily quota of ${spent.join(' and ')} is used up (calls answer 45009)`,
      'Wait until tomorrow, or reset the quota in the admin console (开发管理 → 接口设置); then find what spends it (a loop, a cadence too fast).',
    );
  const runs = trigger === undefined ? undefined : runsPerDay(trigger);
  if (runs === undefined) return ok(ID, `${usage}; the timer's cost not computed (no readable trigger in config.json)`);
  if (accounts === undefined)
    return ok(ID, `${usage}; the timer's cost not computed (the accounts could not be listed)`);
  const needs = timerCallsPerDay(runs, accounts);
  const cost = `the timer (${runs} runs a day, ${accounts} accounts) needs about ${needs.quota} quota/get and ${needs.accounts} getAllAccount a day`;
  if (needs.quota > quota.dailyLimit || needs.accounts > list.dailyLimit)
    return fail(
      ID,
      `${usage}; ${cost}, more than the limit`,
      'Make the trigger slower in config.json (hourly, off the hour, is "0 3 * * * * *"; docs/forecast.md gives the cost), then deploy it again.',
    );
  return ok(ID, `${usage}; ${cost}, within the limit`);
}
