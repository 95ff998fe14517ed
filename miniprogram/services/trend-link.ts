import type { TrendAccount } from './trend-view';

export const TREND_PAGE = '/pages/trend/index';

const FIELDS = ['deliveryId', 'bizId', 'courier', 'title'] as const;

/** The trend page's address for an account; every value encoded, as a bizId may hold `&` or `=`. */
export function trendUrl(account: TrendAccount): string {
  return `${TREND_PAGE}?${FIELDS.map((field) => `${field}=${encodeURIComponent(account[field])}`).join('&')}`;
}

/**
 * Decodes a value of the page's query once. WeChat hands onLoad the query as written in the URL; a
 * value that does not decode (a `%` not followed by two hex digits) is taken as it came.
 */
function decoded(value: string | undefined): string {
  if (value === undefined || value === 'undefined') return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The account the trend page was opened for; null when the query names none. */
export function trendAccount(query: Record<string, string | undefined>): TrendAccount | null {
  const deliveryId = decoded(query.deliveryId);
  const bizId = decoded(query.bizId);
  if (deliveryId === '' || bizId === '') return null;
  return { deliveryId, bizId, courier: decoded(query.courier) || deliveryId, title: decoded(query.title) || bizId };
}
