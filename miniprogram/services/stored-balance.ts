import { errorText } from './error-text';
import { formatTime } from './format-time';
import type { AccountResult } from './quota-result';

/**
 * A stored balance is the account's latest live reading, not queried again this time (too many
 * accounts for one call). The timer refreshes every account hourly, so one older than this means the
 * refreshing fell behind: it is shown muted, like a cached figure.
 */
export const STORED_FRESH_MS = 2 * 3_600_000;

/** 35 分钟前的余额, 11-29 09:00 的余额. */
function storedAge(account: AccountResult, now: number): string {
  if (!account.quotaUpdatedAt) return '之前读取的余额';
  const when = formatTime(account.quotaUpdatedAt, now);
  return /前$|^刚刚$/.test(when) ? `${when}的余额` : `${when} 的余额`;
}

/** What a stored balance's row says: its age, and why the live query is missing. */
export function storedNote(account: AccountResult, now: number): string {
  const age = storedAge(account, now);
  return account.error
    ? `实时余额查询失败：${errorText(account.error)}显示的是 ${age}。`
    : `${age}：账号较多，这次没有逐个实时查询。`;
}

/** The balance is not a recent live figure: a cached snapshot, an old stored reading, or none. */
export function isStale(account: AccountResult, now: number): boolean {
  if (account.quotaSource !== 'stored') return account.quotaSource !== 'live';
  const readAt = account.quotaUpdatedAt === null ? Number.NaN : Date.parse(account.quotaUpdatedAt);
  return !(now - readAt <= STORED_FRESH_MS);
}
