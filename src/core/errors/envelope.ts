import type { Envelope, WireError } from '../../contract/errors';
import type { QuotaError } from './errors';

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
