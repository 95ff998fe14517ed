/* How the function says what went wrong, on the wire: the page, the CLI's --json and the tests read it. */

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

/**
 * Why a caller was refused (FORBIDDEN), so the page can tell the cases apart without reading the
 * English message. The caller's OPENID comes only where an admin needs it to let them in.
 */
export type Forbidden =
  /** A mini-program user who is not in QUOTA_ADMIN_OPENIDS. */
  | { reason: 'not-admin'; openId: string }
  /** QUOTA_ADMIN_OPENIDS is empty, so no mini-program user may read balances yet. */
  | { reason: 'no-admins-configured'; openId: string }
  /** A user call without an OPENID to check. */
  | { reason: 'no-openid' }
  /** A call from a source that may not read balances (neither a user nor the merchant's server). */
  | { reason: 'source' }
  /** A call from another mini-program (cloud resource sharing, or another APPID) that is not allowed. */
  | { reason: 'cross-account' }
  /** A timer-shaped event that did not come from the function's own timer trigger: only it runs alerts. */
  | { reason: 'not-timer' };

export type ForbiddenReason = Forbidden['reason'];

/** The courier's own answer behind WeChat's 9300501: its code and its words, as WeChat passed them on. */
export interface CourierReason {
  /** The courier's result code (seen: -1, 10001, 10002, 20008, 30001, …), as text: couriers do not agree on a type. */
  code: string;
  message: string;
}

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
