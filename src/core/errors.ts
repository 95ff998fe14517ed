/** The stable error codes a caller can branch on. They never change meaning; new ones may be added. */
export const ErrorCode = {
  INVALID_INPUT: 'INVALID_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  CONFIG_INVALID: 'CONFIG_INVALID',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  ACCOUNT_NOT_BOUND: 'ACCOUNT_NOT_BOUND',
  COURIER_NOT_SUPPORTED: 'COURIER_NOT_SUPPORTED',
  RATE_LIMITED: 'RATE_LIMITED',
  CREDENTIALS_INVALID: 'CREDENTIALS_INVALID',
  WECHAT_ERROR: 'WECHAT_ERROR',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_INVALID: 'UPSTREAM_INVALID',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

import type { CourierReason } from './courier-reason';
import type { Forbidden } from './forbidden-reason';

export interface QuotaErrorOptions {
  /** The numeric WeChat or cloud platform code that caused this error, if one did. */
  errCode?: number;
  /** Whether repeating the same call may succeed (system busy, transport failure). */
  retryable?: boolean;
  /** The courier's own reason, when WeChat passed one on (9300501). */
  courier?: CourierReason;
  /** Why the caller was refused, on FORBIDDEN (see forbidden.ts). */
  forbidden?: Forbidden;
  cause?: unknown;
}

/** Every failure this product reports is one of these; `code` is what callers branch on. */
export class QuotaError extends Error {
  override readonly name = 'QuotaError' as const;
  readonly code: ErrorCode;
  readonly errCode: number | undefined;
  readonly retryable: boolean;
  readonly courier: CourierReason | undefined;
  readonly forbidden: Forbidden | undefined;

  constructor(code: ErrorCode, message: string, options: QuotaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.errCode = options.errCode;
    this.retryable = options.retryable ?? false;
    this.courier = options.courier;
    this.forbidden = options.forbidden;
  }
}

export function isQuotaError(value: unknown): value is QuotaError {
  return value instanceof QuotaError;
}
