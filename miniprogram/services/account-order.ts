import { BOUND } from './quota-result';

/** What the order of the list depends on. */
export interface Orderable {
  status: string;
  quotaNum: number | null;
  forecast: { daysLeft: number | null };
}

/** What makes an account urgent: a balance under the threshold, or a run-out within the alert days. */
export interface UrgencyRule {
  lowThreshold: number;
  alertDays: number;
}

/**
 * Most urgent first, as the function's byUrgency (src/core/urgency.ts) orders them: accounts that are
 * low or run out soon, soonest run-out first (one without a forecast ranked by its balance against the
 * threshold), then the lower balance; then the other bound accounts with a balance; then bound accounts
 * without one; then accounts that are not bound. Ties keep the function's order.
 */
export function sortAccounts<T extends Orderable>(accounts: readonly T[], rule: UrgencyRule): T[] {
  return accounts
    .map((account, index) => ({ account, index, key: orderKey(account, rule) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.index - b.index)
    .map(({ account }) => account);
}

function orderKey(account: Orderable, rule: UrgencyRule): [number, number, number] {
  if (account.status !== BOUND) return [3, 0, 0];
  const { daysLeft } = account.forecast;
  const { quotaNum } = account;
  if (quotaNum === null && daysLeft === null) return [2, 0, 0];
  const balance = quotaNum ?? Number.MAX_SAFE_INTEGER;
  const low = quotaNum !== null && quotaNum < rule.lowThreshold;
  const soon = rule.alertDays > 0 && daysLeft !== null && daysLeft < rule.alertDays;
  if (low || soon) {
    const equivalentDays =
      daysLeft !== null
        ? daysLeft
        : rule.lowThreshold > 0
          ? (rule.alertDays * Math.max(0, balance)) / rule.lowThreshold
          : 0;
    return [0, equivalentDays, balance];
  }
  return [1, daysLeft !== null ? daysLeft : Number.POSITIVE_INFINITY, balance];
}
