import { fetchAllAccounts, type AllAccounts } from '../core/all-accounts';
import type { CallContext } from '../core/call';
import { systemClock, type Clock } from '../core/clock';
import { failure, success, type Envelope } from '../core/envelope';
import type { Logger, LogFields } from '../core/logger';
import { isLowBalance } from '../core/low-balance';
import { fetchQuota, type SingleQuota } from '../core/single-quota';
import { toQuotaError } from '../core/to-quota-error';
import { createHttpsClient } from '../https/client';
import type { Redactor } from '../https/redactor';
import { EXIT, QUOTA_USAGE, parseQuotaArgs, type QuotaOptions } from './quota-args';
import { resolveTarget } from './quota-target';
import { renderEnvelope } from './render';

/** An operator waits longer than a cloud function may: the whole command gets this long. */
export const COMMAND_DEADLINE_MS = 60_000;

export interface QuotaCommandIO {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch?: typeof fetch;
  clock?: Clock;
}

type QuotaEnvelope = Envelope<SingleQuota | AllAccounts>;

/** `npm run quota`: returns the exit status; never throws, never prints a secret. */
export async function runQuotaCommand(io: QuotaCommandIO): Promise<number> {
  let options: QuotaOptions;
  try {
    options = parseQuotaArgs(io.argv);
  } catch (error) {
    io.stderr(`quota: ${(error as Error).message} (npm run quota -- --help lists the options)\n`);
    return EXIT.USAGE;
  }
  if (options.help) {
    io.stdout(`${QUOTA_USAGE}\n`);
    return EXIT.OK;
  }
  let target;
  try {
    target = await resolveTarget(io.env);
  } catch (error) {
    io.stderr(`quota: ${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  try {
    if (target.notice) io.stderr(`quota: ${target.notice}\n`);
    const clock = io.clock ?? systemClock;
    const client = createHttpsClient({ ...target, timeoutMs: options.timeoutMs, fetch: io.fetch, now: clock.now });
    const context: CallContext = {
      api: client.logistics,
      clock,
      deadline: clock.now() + COMMAND_DEADLINE_MS,
      log: textLogger(io.stderr, client.redactor),
    };
    const envelope = await query(context, options);
    io.stdout(`${options.json ? JSON.stringify(envelope, null, 2) : renderEnvelope(envelope, { lowThreshold: options.low })}\n`);
    const verdict = judge(envelope, options.low);
    if (verdict.reason) io.stderr(`quota: ${client.redactor.redact(verdict.reason)}\n`);
    return verdict.exit;
  } finally {
    await target.close();
  }
}

async function query(context: CallContext, options: QuotaOptions): Promise<QuotaEnvelope> {
  try {
    return success(options.account ? await fetchQuota(context, options.account) : await fetchAllAccounts(context));
  } catch (error) {
    return failure(toQuotaError(error));
  }
}

/** The exit status and its one-line reason: a failure first, then unreadable accounts, then low balances. */
function judge(envelope: QuotaEnvelope, low: number | undefined): { exit: number; reason?: string } {
  if (!envelope.ok) {
    const code = envelope.error.errCode === undefined ? envelope.error.code : `${envelope.error.code} (${envelope.error.errCode})`;
    return { exit: EXIT.FAILED, reason: `${code}: ${envelope.error.message}` };
  }
  const accounts = 'accounts' in envelope.data ? envelope.data.accounts : [{ ...envelope.data, error: undefined }];
  const unread = accounts.filter((account) => account.error);
  if (unread.length > 0) {
    const names = unread.map((account) => `${account.deliveryId}/${account.bizId} ${account.error?.code}`).join(', ');
    return { exit: EXIT.FAILED, reason: `${unread.length} of ${accounts.length} accounts could not be read live: ${names}` };
  }
  const lowOnes = low === undefined ? [] : accounts.filter((account) => isLowBalance(account.quotaNum, low));
  if (lowOnes.length > 0) {
    const names = lowOnes.map((account) => `${account.deliveryId}/${account.bizId} (${account.quotaNum})`).join(', ');
    return { exit: EXIT.LOW, reason: `${lowOnes.length} balance${lowOnes.length === 1 ? '' : 's'} under ${low}: ${names}` };
  }
  return { exit: EXIT.OK };
}

/** Warnings (retries, failed accounts) as readable stderr lines, redacted. */
function textLogger(write: (text: string) => void, redactor: Redactor): Logger {
  const emit = (level: string, message: string, fields?: LogFields) => {
    const details = Object.entries(fields ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(' ');
    write(`quota: ${level}: ${redactor.redact(details ? `${message} (${details})` : message)}\n`);
  };
  return { info: (message, fields) => emit('info', message, fields), warn: (message, fields) => emit('warn', message, fields) };
}
