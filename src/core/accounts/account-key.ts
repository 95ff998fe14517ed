import { createHash } from 'node:crypto';

/** Hex digits kept of a SHA-256: 96 bits, so two accounts (or admins) of one merchant never share a key. */
const KEY_HEX_DIGITS = 24;

function digest(domain: string, ...parts: readonly string[]): string {
  // As a JSON array with a domain label: no account key equals an admin key, and no two id pairs encode alike.
  return createHash('sha256')
    .update(JSON.stringify([domain, ...parts]))
    .digest('hex')
    .slice(0, KEY_HEX_DIGITS);
}

/**
 * The key an account is stored under: a hash of its courier and customer code, so that no stored
 * document names the customer code in clear. Lowercase hex: valid as a document id and a field name.
 */
export function accountKey(account: { deliveryId: string; bizId: string }): string {
  return digest('quota-account', account.deliveryId, account.bizId);
}

/** The key an admin is remembered under (owed a deferred alert), so that no document lists OPENIDs. */
export function adminKey(openId: string): string {
  return digest('quota-admin', openId);
}

/** The `_id` the first release stored an account under, in quota_history and quota_alerts alike. */
export function legacyAccountKey(account: { deliveryId: string; bizId: string }): string {
  return `${account.deliveryId}:${encodeURIComponent(account.bizId)}`;
}

/** The account a first-release `_id` names, or undefined when it is not one. */
export function accountOfLegacyKey(id: string): { deliveryId: string; bizId: string } | undefined {
  const colon = id.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    const bizId = decodeURIComponent(id.slice(colon + 1));
    return bizId === '' ? undefined : { deliveryId: id.slice(0, colon), bizId };
  } catch {
    return undefined;
  }
}
