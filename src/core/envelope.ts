import type { ErrorCode } from './errors';
import type { QuotaError } from './errors';

export interface WireError {
  code: ErrorCode;
  message: string;
  /** The WeChat or cloud code that caused the error, when one did. */
  errCode?: number;
}

/** What crosses the wire from the function (and the CLI's --json): data, or an error, never both. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: WireError };

export function toWireError(error: QuotaError): WireError {
  return error.errCode === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, errCode: error.errCode };
}

export function success<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function failure<T = never>(error: QuotaError): Envelope<T> {
  return { ok: false, error: toWireError(error) };
}
