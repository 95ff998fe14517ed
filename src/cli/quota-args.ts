import { parseArgs } from 'node:util';
import type { GetQuotaParams } from '../core/logistics';
import { DEFAULT_HTTP_TIMEOUT_MS } from '../https/client';
import { COMMON_OPTIONS, COMMON_USAGE, accountFromArgs } from './account-args';

export interface QuotaOptions {
  json: boolean;
  help: boolean;
  account: GetQuotaParams | undefined;
  /** Balances strictly under this are marked, and make the exit status 3. */
  low: number | undefined;
  timeoutMs: number;
}

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, LOW: 3 } as const;

export const QUOTA_USAGE = `Usage: npm run quota -- [options]

Asks WeChat over HTTPS how many electronic waybills are left: on one account, or on every bound
account of a courier that has a quota.

Options:
${COMMON_USAGE}
  --low N            mark balances under N; exit with status 3 when any is
  --timeout MS       per-request timeout in milliseconds (default ${DEFAULT_HTTP_TIMEOUT_MS})

Environment:
  WX_APPID, WX_APPSECRET   the mini-program's credentials (admin console → development settings).
                           Without both, the command runs against the embedded fake back end.
  WX_API_BASE_URL          default https://api.weixin.qq.com; set it for a gateway or a test server

Exit status: 0 all read; 1 the query failed, or an account's live balance could not be read;
2 bad options or environment; 3 a balance is under --low. On failure stderr has a one-line reason.`;

function positiveInteger(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new Error(`${flag} takes a whole number from 0 to ${max}, got "${value}"`);
  return Number(value);
}

export function parseQuotaArgs(argv: string[]): QuotaOptions {
  const { values } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, low: { type: 'string' }, timeout: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const timeoutMs = positiveInteger('--timeout', values.timeout, 120_000) ?? DEFAULT_HTTP_TIMEOUT_MS;
  if (timeoutMs === 0) throw new Error('--timeout must be more than 0 milliseconds');
  return {
    json: values.json ?? false,
    help: values.help ?? false,
    account: accountFromArgs(values['delivery-id'], values['biz-id']),
    low: positiveInteger('--low', values.low, Number.MAX_SAFE_INTEGER),
    timeoutMs,
  };
}
