/** One rule for "running low", shared by the operator command and the alerts: strictly under the threshold. */
export function isLowBalance(quotaNum: number | null, threshold: number): boolean {
  return quotaNum !== null && quotaNum < threshold;
}

