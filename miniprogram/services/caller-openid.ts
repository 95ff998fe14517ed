import type { WireError } from './quota-result';

/** Refusals an admin resolves by adding the caller's OPENID to QUOTA_ADMIN_OPENIDS. */
const OPENID_REASONS: ReadonlySet<string> = new Set(['not-admin', 'no-admins-configured']);

/**
 * The caller's OPENID when the function refused them for not being an admin, so the page can show it
 * for copying. Read from the function's structured `forbidden` field, whole, as the cloud set it.
 */
export function callerOpenId(error: WireError): string | undefined {
  if (error.code !== 'FORBIDDEN' || !error.forbidden || !OPENID_REASONS.has(error.forbidden.reason)) return undefined;
  return error.forbidden.openId || undefined;
}
