import { isLowBalance } from '../../contract/values';
import type { AlertReason } from '../../contract/timer-run';

/** What the last alert for an account said, kept between runs. */
export interface AlertRecord {
  quotaNum: number;
  /** Epoch milliseconds. */
  alertedAt: number;
}

export type AlertDecision =
  { alert: true; reason: AlertReason } | { alert: false; reason: 'healthy' | 'unchanged' | 'unknown' };

/**
 * Whether an account's balance deserves an alert now. Balances fall every day a shop ships, so a
 * mere drop is not news: an account is alerted when it first goes low (under the threshold, or
 * running out within the alert days: `runsOutSoon`), again when its balance has at least halved since
 * the last alert (or reached zero), and otherwise once per repeat period.
 */
export function decideAlert(
  quotaNum: number | null,
  lowThreshold: number,
  last: AlertRecord | undefined,
  now: number,
  repeatMs: number,
  runsOutSoon = false,
): AlertDecision {
  if (quotaNum === null) return { alert: false, reason: 'unknown' };
  if (!isLowBalance(quotaNum, lowThreshold) && !runsOutSoon) return { alert: false, reason: 'healthy' };
  if (!last) return { alert: true, reason: 'first' };
  if (last.quotaNum > 0 && quotaNum <= last.quotaNum / 2) return { alert: true, reason: 'dropped' };
  if (now - last.alertedAt >= repeatMs) return { alert: true, reason: 'repeat' };
  return { alert: false, reason: 'unchanged' };
}
