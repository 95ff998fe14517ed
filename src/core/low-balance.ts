import type { AllAccounts } from './all-accounts';
import type { SingleQuota } from './single-quota';

/** One rule for "running low", shared by the operator command and the alerts: strictly under the threshold. */
export function isLowBalance(quotaNum: number | null, threshold: number): boolean {
  return quotaNum !== null && quotaNum < threshold;
}

/** Whether any balance in a result is under the threshold. */
export function hasLowBalance(data: SingleQuota | AllAccounts, threshold: number): boolean {
  return 'accounts' in data ? data.accounts.some((account) => isLowBalance(account.quotaNum, threshold)) : isLowBalance(data.quotaNum, threshold);
}
