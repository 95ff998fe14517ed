import { decideAlert } from '../../core/alerts/alert-policy';
import { isLowBalance } from '../../contract/values';
import type { AlertReason, AlertTarget } from '../../contract/timer-run';
import type { AccountQuota, Forecast } from '../../contract/answers';
import type { AlertConfig } from './settings';
import { accountKey, adminKey } from '../../core/accounts/account-key';
import type { AlertMemorySnapshot } from './memory';

/** An account as the alerts see it: with its run-out forecast when the history gave one. */
export type AlertAccount = AccountQuota & { forecast?: Forecast };
export type LiveAccount = AlertAccount & { quotaNum: number };

export interface AlertPlan {
  /** Accounts that deserve an alert this run, and why (first time low, halved since the last alert, repeat period passed). */
  alerted: Array<AlertTarget & { reason: AlertReason }>;
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
export function knownBalance(account: AlertAccount): number | null {
  return account.quotaSource === 'live' || account.quotaSource === 'stored' ? account.quotaNum : null;
}

/** Whether the forecast says the account runs out in fewer than `alertDays` days (0 turns this off). */
export function runsOutSoon(account: AlertAccount, alertDays: number): boolean {
  const daysLeft = account.forecast?.daysLeft;
  return alertDays > 0 && daysLeft !== undefined && daysLeft !== null && daysLeft < alertDays;
}

/** Low: a known balance under the threshold, or one the forecast says runs out within the alert days. */
export function lowLiveAccounts(
  accounts: readonly AlertAccount[],
  config: Pick<AlertConfig, 'lowThreshold' | 'alertDays'>,
): LiveAccount[] {
  return accounts.filter((account): account is LiveAccount => {
    const quotaNum = knownBalance(account);
    return quotaNum !== null && (isLowBalance(quotaNum, config.lowThreshold) || runsOutSoon(account, config.alertDays));
  });
}

/** Who gets a message this run and what it says; one message per admin, whatever the number of low accounts. */
export function planAlerts(
  accounts: readonly AlertAccount[],
  memory: AlertMemorySnapshot,
  admins: readonly string[],
  config: Pick<AlertConfig, 'lowThreshold' | 'repeatMs' | 'alertDays'>,
  now: number,
): AlertPlan {
  const plan: AlertPlan = { alerted: [], unchanged: [], forget: [], recipients: [] };
  const due: LiveAccount[] = [];
  for (const account of accounts) {
    const key = accountKey(account);
    const decision = decideAlert(
      knownBalance(account),
      config.lowThreshold,
      memory.records.get(key),
      now,
      config.repeatMs,
      runsOutSoon(account, config.alertDays),
    );
    const target = { deliveryId: account.deliveryId, bizId: account.bizId, quotaNum: account.quotaNum ?? 0 };
    if (decision.reason === 'healthy' && memory.records.has(key)) plan.forget.push(key);
    if (decision.reason === 'unchanged') plan.unchanged.push(target);
    if (decision.alert) {
      plan.alerted.push({ ...target, reason: decision.reason });
      due.push(account as LiveAccount);
    }
  }
  const low = lowLiveAccounts(accounts, config);
  for (const touser of admins) {
    const summarised = memory.owed.has(adminKey(touser)) ? low : due;
    if (summarised.length > 0) plan.recipients.push({ touser, accounts: summarised });
  }
  return plan;
}
