/** One rule for "running low", shared by the operator command and the alerts: strictly under the low-balance threshold (`lowThreshold`). */
export function isLowBalance(quotaNum: number | null, lowThreshold: number): boolean {
  return quotaNum !== null && quotaNum < lowThreshold;
}
