import { decideAlert } from '../core/alert-policy';
import type { AccountQuota } from '../core/all-accounts';
import { isLowBalance } from '../core/low-balance';
import type { AlertConfig } from './alert-config';
import { alertKey, type AlertMemorySnapshot } from './alert-memory';

export interface AlertTarget {
  deliveryId: string;
  bizId: string;
  quotaNum: number;
}

export type LiveAccount = AccountQuota & { quotaNum: number };

export interface AlertPlan {
  /** Accounts that deserve an alert this run, and why (first time low, halved since the last alert, repeat period passed). */
  alerted: Array<AlertTarget & { reason: string }>;
  /** Low accounts not alerted this run, because nothing changed since the last alert. */
  unchanged: AlertTarget[];
  /** Remembered accounts that are healthy again: forgotten, so their next low balance alerts at once. */
  forget: string[];
  /** Each admin owed a message and the accounts it summarises: this run's alerts, or every low account for an admin a run had to defer. */
  recipients: Array<{ touser: string; accounts: LiveAccount[] }>;
}

/**
 * The balance alerts may judge: a live one, or a stored one (a live reading a timer run left for a later
 * run because it was recent, see TIMER_REFRESH_AFTER_MS). A stale snapshot never triggers an alert.
 */
export function knownBalance(account: AccountQuota): number | null {
  return account.quotaSource === 'live' || account.quotaSource === 'stored' ? account.quotaNum : null;
}

export function lowLiveAccounts(accounts: readonly AccountQuota[], threshold: number): LiveAccount[] {
  return accounts.filter((account): account is LiveAccount => {
    const quotaNum = knownBalance(account);
    return quotaNum !== null && isLowBalance(quotaNum, threshold);
  });
}

/** Who gets a message this run and what it says; one message per admin, whatever the number of low accounts. */
export function planAlerts(accounts: readonly AccountQuota[], memory: AlertMemorySnapshot, admins: readonly string[], config: Pick<AlertConfig, 'threshold' | 'repeatMs'>, now: number): AlertPlan {
  const plan: AlertPlan = { alerted: [], unchanged: [], forget: [], recipients: [] };
  const due: LiveAccount[] = [];
  for (const account of accounts) {
    const key = alertKey(account.deliveryId, account.bizId);
    const decision = decideAlert(knownBalance(account), config.threshold, memory.records.get(key), now, config.repeatMs);
    const target = { deliveryId: account.deliveryId, bizId: account.bizId, quotaNum: account.quotaNum ?? 0 };
    if (decision.reason === 'healthy' && memory.records.has(key)) plan.forget.push(key);
    if (decision.reason === 'unchanged') plan.unchanged.push(target);
    if (decision.alert) {
      plan.alerted.push({ ...target, reason: decision.reason });
      due.push(account as LiveAccount);
    }
  }
  const low = lowLiveAccounts(accounts, config.threshold);
  const owed = new Set(memory.owed);
  for (const touser of admins) {
    const summarised = owed.has(touser) ? low : due;
    if (summarised.length > 0) plan.recipients.push({ touser, accounts: summarised });
  }
  return plan;
}
