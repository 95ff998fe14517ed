import type { CourierReason, Forbidden, ErrorCode } from '../../contract/errors';

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
