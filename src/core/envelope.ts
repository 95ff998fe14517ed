import type { CourierReason } from './courier-reason';
import type { ErrorCode } from './errors';
import type { Forbidden } from './forbidden';
import type { QuotaError } from './errors';

export interface WireError {
  code: ErrorCode;
  message: string;
  /** The WeChat or cloud code that caused the error, when one did. */
  errCode?: number;
  /** The courier's own code and words behind WeChat's refusal (9300501), for the page's sentence. */
  courier?: CourierReason;
  /** Why the caller was refused, on FORBIDDEN: the page's sentence and OPENID box follow it. */
  forbidden?: Forbidden;
}

/** What crosses the wire from the function (and the CLI's --json): data, or an error, never both. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: WireError };

export function toWireError(error: QuotaError): WireError {
  const wire: WireError = { code: error.code, message: error.message };
  if (error.errCode !== undefined) wire.errCode = error.errCode;
  if (error.courier !== undefined) wire.courier = { ...error.courier };
  if (error.forbidden !== undefined) wire.forbidden = { ...error.forbidden };
  return wire;
}

export function success<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function failure<T = never>(error: QuotaError): Envelope<T> {
  return { ok: false, error: toWireError(error) };
}
