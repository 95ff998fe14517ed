import { BOUND } from './quota-result';

/** What the order of the list depends on. */
export interface Orderable {
  status: string;
  quotaNum: number | null;
  forecast: { daysLeft: number | null };
}

/**
 * Most urgent first: accounts that run out soonest (by days left, then the smaller balance), even when
 * today's balance could not be read; then those with a balance but no forecast, smallest balance
 * first; then bound accounts with neither; then accounts that are not bound. Ties keep the function's order.
 */
export function sortAccounts<T extends Orderable>(accounts: readonly T[]): T[] {
  return accounts
    .map((account, index) => ({ account, index, key: orderKey(account) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.index - b.index)
    .map(({ account }) => account);
}

function orderKey(account: Orderable): [number, number, number] {
  const { daysLeft } = account.forecast;
  if (account.status !== BOUND) return [3, 0, 0];
  if (daysLeft !== null) return [0, daysLeft, account.quotaNum ?? Number.MAX_SAFE_INTEGER];
  if (account.quotaNum === null) return [2, 0, 0];
  return [1, account.quotaNum, 0];
}
