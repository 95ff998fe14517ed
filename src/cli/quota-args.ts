import type { GetQuotaParams } from '../core/wechat/logistics';
import { DEFAULT_HTTP_TIMEOUT_MS } from '../https/client';
import { COMMON_OPTIONS, COMMON_USAGE, accountFromArgs } from './account-args';
import { UsageError, parseStrictArgs, quoted, type OptionDefs } from './strict-args';

export interface QuotaOptions {
  json: boolean;
  /** Answer from the embedded sample back end instead of WeChat. */
  demo: boolean;
  account: GetQuotaParams | undefined;
  /** Balances strictly under this are marked, and make the exit status 3. */
  lowThreshold: number | undefined;
  timeoutMs: number;
  /** Post the digest of the balances under --low to the group robots of QUOTA_ALERT_WEBHOOKS. */
  notify: boolean;
}

interface WholeNumberRange {
  min: number;
  max: number;
}

/** The ranges the options accept; the help and the error messages are both written from these. */
export const LOW_THRESHOLD_RANGE: WholeNumberRange = { min: 0, max: Number.MAX_SAFE_INTEGER };
export const TIMEOUT_RANGE: WholeNumberRange = { min: 1, max: 120_000 };

export function describeRange(range: WholeNumberRange): string {
  return range.max === Number.MAX_SAFE_INTEGER
    ? `a whole number, ${range.min} or more`
    : `a whole number from ${range.min} to ${range.max}`;
}

const QUOTA_OPTIONS = {
  ...COMMON_OPTIONS,
  demo: { type: 'boolean' },
  low: { type: 'string', hint: describeRange(LOW_THRESHOLD_RANGE) },
  timeout: { type: 'string', hint: describeRange(TIMEOUT_RANGE) },
  notify: { type: 'boolean' },
} as const satisfies OptionDefs;

export const QUOTA_USAGE = `Usage: npm run quota -- [options]

Asks WeChat over HTTPS how many electronic waybills are left: on one account, or on every bound
account of a courier that has a quota.

Options:
${COMMON_USAGE}
  --low N            mark balances under N (${describeRange(LOW_THRESHOLD_RANGE)}); exit 3 when any is
  --timeout MS       time limit of each HTTPS request from its start, in milliseconds
                     (${describeRange(TIMEOUT_RANGE)}; default ${DEFAULT_HTTP_TIMEOUT_MS})
  --notify           post the balances under --low, most urgent first, as one message to each group
                     robot of QUOTA_ALERT_WEBHOOKS (needs --low); exit 1 when a robot did not take it
  --demo             answer from the embedded sample back end (sample data, not your accounts),
                     to try the command; WX_APPID and WX_APPSECRET are then not used

Environment:
  WX_APPID, WX_APPSECRET   the mini-program's credentials (admin console → development settings).
                           Required unless --demo is given: without them the command exits 2.
  WX_API_BASE_URL          default https://api.weixin.qq.com; a gateway (its path prefix is kept) or a
                           test server. http(s) only, without query, fragment, user name or password.
                           Redirects are never followed.
  QUOTA_ALERT_WEBHOOKS     for --notify: the group robots, as the cloud function takes them
                           (address#secret, separated by commas; see docs/alerts.md).

Exit status: 0 all read; 1 the query failed, or an account's live balance could not be read (this wins
over 3: the reason line still names every low balance); 2 bad options or environment; 3 a balance is
under --low (and every robot took the digest, with --notify). On any non-zero status stderr ends with a one-line reason.`;

function wholeNumber(flag: string, value: string | undefined, range: WholeNumberRange): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < range.min || number > range.max)
    throw new UsageError(`${flag} takes ${describeRange(range)}, got ${quoted(value)}`);
  return number;
}

/** Parses `npm run quota` options (not --help, which is answered before parsing); throws a one-line UsageError. */
export function parseQuotaArgs(argv: readonly string[]): QuotaOptions {
  const values = parseStrictArgs(argv, QUOTA_OPTIONS);
  let account: GetQuotaParams | undefined;
  try {
    account = accountFromArgs(values['delivery-id'], values['biz-id']);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.notify && values.low === undefined)
    throw new UsageError('--notify needs --low N: it posts the balances under N');
  return {
    notify: values.notify ?? false,
    json: values.json ?? false,
    demo: values.demo ?? false,
    account,
    lowThreshold: wholeNumber('--low', values.low, LOW_THRESHOLD_RANGE),
    timeoutMs: wholeNumber('--timeout', values.timeout, TIMEOUT_RANGE) ?? DEFAULT_HTTP_TIMEOUT_MS,
  };
}
