import { ErrorCode, QuotaError, isQuotaError } from './errors';
import { ruleFor } from './error-table';

const MAX_DETAIL_CHARS = 200;

/** A WeChat or cloud code turned into a QuotaError whose message says what happened and what to do. */
export function errorFromCode(errCode: number, detail: string | undefined, api: string | undefined, cause?: unknown): QuotaError {
  const rule = ruleFor(errCode);
  const where = api ? `${api} failed` : 'WeChat failed';
  const said = detail ? ` (${truncate(detail)})` : '';
  return new QuotaError(rule.code, `${where} with code ${errCode}${said}. ${rule.hint}`, {
    errCode,
    retryable: rule.retryable ?? false,
    cause,
  });
}

/**
 * The one function that maps anything thrown by a transport or by our own code to a QuotaError.
 * Recognises wx-server-sdk errors (`errCode`/`errMsg`, whatever the class is called after minifying)
 * and raw WeChat bodies (`errcode`/`errmsg`).
 */
export function toQuotaError(raw: unknown, api?: string): QuotaError {
  if (isQuotaError(raw)) return raw;
  const code = readCode(raw);
  if (code !== undefined) return errorFromCode(code, readMessage(raw), api, raw);
  const where = api ? ` while calling ${api}` : '';
  return new QuotaError(ErrorCode.INTERNAL, `Unexpected failure${where}: ${truncate(describe(raw))}. Please report this with the function's log.`, {
    cause: raw,
  });
}

function readCode(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const value = record.errCode ?? record.errcode;
  if (typeof value === 'number' && Number.isInteger(value) && value !== 0) return value;
  if (typeof value === 'string' && /^-?\d{1,9}$/.test(value) && Number(value) !== 0) return Number(value);
  return undefined;
}

function readMessage(raw: unknown): string | undefined {
  const record = raw as Record<string, unknown>;
  const value = record.errMsg ?? record.errmsg ?? record.message;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function describe(raw: unknown): string {
  if (raw instanceof Error) return raw.message || raw.name;
  if (typeof raw === 'string') return raw;
  return Object.prototype.toString.call(raw);
}

function truncate(text: string): string {
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text;
}
