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
