import type { QuotaError } from './errors/errors';
import type { LogFields, Logger } from './logger';
import { toQuotaError } from './errors/to-quota-error';

/**
 * Logs a failure that the caller survives: its stable code and WeChat's or the cloud's number, never
 * the raw error (which may hold a request). Returns the mapped error for what the caller decides next.
 */
export function logFailure(
  log: Logger,
  level: 'info' | 'warn' | 'error',
  message: string,
  raw: unknown,
  fields: LogFields = {},
): QuotaError {
  const error = toQuotaError(raw);
  log[level](message, { code: error.code, errCode: error.errCode, ...fields });
  return error;
}
