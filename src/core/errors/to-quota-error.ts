import { describeCourierReason, readCourierReason } from './courier-reason';
import { QuotaError, isQuotaError } from './errors';
import { ErrorCode } from '../../contract/errors';
import { ruleFor } from './error-table';

const MAX_DETAIL_CHARS = 200;
/** WeChat ends its messages with ` rid: <id>`: the id its support asks for. */
const RID_PATTERN = /\brid:\s*[\w-]+\s*$/;

/** What an answer's or an SDK error's `errcode` says: nothing (success), a code, or something that is not a code. */
export type WechatCode = { kind: 'none' } | { kind: 'code'; code: number } | { kind: 'malformed'; shown: string };

/**
 * Reads `errcode` the way wx-server-sdk decides (any truthy value is a refusal), then classifies it:
 * a whole number, or a decimal string of one, is a code; anything else (`"0"` as text, 1.5, an object)
 * is not a code WeChat documents.
 */
export function readWechatCode(value: unknown): WechatCode {
  if (!value) return { kind: 'none' };
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { kind: 'code', code: value };
  if (typeof value === 'string' && /^-?\d{1,10}$/.test(value.trim()) && Number(value) !== 0)
    return { kind: 'code', code: Number(value) };
  const shown =
    typeof value === 'string'
      ? JSON.stringify(value.slice(0, 20))
      : typeof value === 'number'
        ? String(value)
        : `a ${typeof value}`;
  return { kind: 'malformed', shown };
}

/** A WeChat or cloud code turned into a QuotaError whose message says what happened and what to do. */
export function errorFromCode(
  errCode: number,
  detail: string | undefined,
  api: string | undefined,
  answer?: unknown,
  cause: unknown = answer,
): QuotaError {
  const rule = ruleFor(errCode);
  const where = api ? `${api} failed` : 'WeChat failed';
  const said = detail ? ` (${truncate(detail)})` : '';
  const courier = readCourierReason(answer);
  const courierSaid = courier ? `; ${describeCourierReason(courier)}` : '';
  return new QuotaError(rule.code, `${where} with code ${errCode}${said}${courierSaid}. ${rule.hint}`, {
    errCode,
    retryable: rule.retryable ?? false,
    courier,
    cause,
  });
}

/** An `errcode` that is not a code WeChat documents: WeChat's words are kept, for support. */
export function errorFromMalformedCode(
  shown: string,
  detail: string | undefined,
  api: string | undefined,
  cause?: unknown,
): QuotaError {
  const where = api ?? 'WeChat';
  const said = detail ? ` (${truncate(detail)})` : '';
  return new QuotaError(
    ErrorCode.UPSTREAM_INVALID,
    `${where} answered with an error code that is not a whole number: ${shown}${said}. Try again; if it persists, report it with this message.`,
    {
      cause,
    },
  );
}

/**
 * The one function that maps anything thrown by a transport or by our own code to a QuotaError.
 * Recognises wx-server-sdk errors (`errCode`/`errMsg`, whatever the class is called after minifying,
 * with WeChat's whole answer in `wxAnswer` where the build's SDK patch kept it) and raw WeChat bodies
 * (`errcode`/`errmsg`).
 */
export function toQuotaError(raw: unknown, api?: string): QuotaError {
  if (isQuotaError(raw)) return raw;
  if (typeof raw === 'object' && raw !== null) {
    const record = raw as Record<string, unknown>;
    const code = readWechatCode(record.errCode ?? record.errcode);
    const answer = record.wxAnswer ?? raw;
    if (code.kind === 'code') return errorFromCode(code.code, readMessage(record), api, answer, raw);
    if (code.kind === 'malformed') return errorFromMalformedCode(code.shown, readMessage(record), api, raw);
  }
  const where = api ? ` while calling ${api}` : '';
  return new QuotaError(
    ErrorCode.INTERNAL,
    `Unexpected failure${where}: ${truncate(describe(raw))}. Please report this with the function's log.`,
    {
      cause: raw,
    },
  );
}

function readMessage(record: Record<string, unknown>): string | undefined {
  const value = record.errMsg ?? record.errmsg ?? record.message;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function describe(raw: unknown): string {
  if (raw instanceof Error) return raw.message || raw.name;
  if (typeof raw === 'string') return raw;
  return Object.prototype.toString.call(raw);
}

/** Long upstream text is cut, but never its closing `rid: …`. */
export function truncate(text: string): string {
  if (text.length <= MAX_DETAIL_CHARS) return text;
  const rid = RID_PATTERN.exec(text)?.[0];
  return rid ? `${text.slice(0, MAX_DETAIL_CHARS - rid.length)}… ${rid}` : `${text.slice(0, MAX_DETAIL_CHARS)}…`;
}
