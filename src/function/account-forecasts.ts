import { accountKey } from '../core/accounts/account-key';
import type { AccountQuota, Forecast, ForecastedAccount } from '../contract/answers';
import type { BalancePoint } from '../core/forecast/balance-points';
import { forecastFromProfile, type UsageProfile } from '../core/forecast/forecast';
import type { BalanceReading, HistorySnapshot } from './balance-history';

/** What an account gets when its history is unknown: no forecast, from no history. */
export const NO_FORECAST: Forecast = { dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 0 };

/** The live readings among `accounts`: the only balances the history keeps (snapshots and stored figures are not readings). */
export function liveReadings(accounts: readonly AccountQuota[]): BalanceReading[] {
  return accounts.flatMap((account) => {
    if (account.quotaSource !== 'live' || account.quotaNum === null || account.quotaUpdatedAt === null) return [];
    return [
      {
        deliveryId: account.deliveryId,
        bizId: account.bizId,
        at: Date.parse(account.quotaUpdatedAt),
        quotaNum: account.quotaNum,
      },
    ];
  });
}

/**
 * Each account with its run-out forecast: its usage profile (as stored, or as just recomputed)
 * walked from its newest balance, this invocation's live reading or the latest stored one. Without
 * either, or without a profile, the account answers NO_FORECAST and its balance stands.
 */
export function withForecasts(
  now: number,
  accounts: readonly AccountQuota[],
  snapshot: HistorySnapshot,
  recomputed: ReadonlyMap<string, UsageProfile> = new Map(),
): ForecastedAccount[] {
  const live = new Map(liveReadings(accounts).map((reading) => [accountKey(reading), reading]));
  return accounts.map((account) => {
    const key = accountKey(account);
    const stored = snapshot.summaries.get(key);
    const reading = live.get(key);
    const latest: BalancePoint | undefined = reading ?? stored?.recent.at(-1);
    if (latest === undefined) return { ...account, forecast: NO_FORECAST };
    return { ...account, forecast: forecastFromProfile(recomputed.get(key) ?? stored?.profile, latest, now) };
  });
}
