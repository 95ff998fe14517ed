import type { AccountQuota } from '../core/all-accounts';
import { DAY_MS, type BalancePoint } from '../core/balance-points';
import type { CallContext } from '../core/call';
import { forecast, FORECAST_WINDOW_DAYS, type Forecast } from '../core/forecast';
import { historyKey, type AccountRef, type BalanceHistory, type BalanceReading } from './balance-history';
import { historyOrFallback } from './history-guard';

export type ForecastedAccount = AccountQuota & { forecast: Forecast };

/** What an account gets when its history is unknown: no forecast, from no history. */
export const NO_FORECAST: Forecast = { dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 0 };

type HistoryContext = Pick<CallContext, 'clock' | 'deadline' | 'log'>;

/** The live readings among `accounts`: the only balances the history keeps (snapshots and stored figures are not readings). */
export function liveReadings(accounts: readonly AccountQuota[]): BalanceReading[] {
  return accounts.flatMap((account) => {
    if (account.quotaSource !== 'live' || account.quotaNum === null || account.quotaUpdatedAt === null) return [];
    return [{ deliveryId: account.deliveryId, bizId: account.bizId, at: Date.parse(account.quotaUpdatedAt), quotaNum: account.quotaNum }];
  });
}

/**
 * Each account with its run-out forecast, from its stored history plus this invocation's live reading.
 * When the history cannot be read in time, every account answers NO_FORECAST and the balances stand.
 */
export async function withForecasts(context: HistoryContext, history: BalanceHistory, accounts: readonly AccountQuota[], stored?: Promise<Map<string, BalancePoint[]>>): Promise<ForecastedAccount[]> {
  const now = context.clock.now();
  const points = await (stored ?? readForForecast(context, history, accounts));
  const live = new Map(liveReadings(accounts).map((reading) => [historyKey(reading), reading]));
  return accounts.map((account) => {
    const key = historyKey(account);
    const own = points.get(key);
    if (own === undefined && !live.has(key)) return { ...account, forecast: NO_FORECAST };
    const reading = live.get(key);
    return { ...account, forecast: forecast(reading ? [...(own ?? []), reading] : (own ?? []), now) };
  });
}

/** The history the forecast looks at, for `accounts`; empty (logged) when it cannot be read in time. */
export function readForForecast(context: HistoryContext, history: BalanceHistory, accounts: readonly AccountRef[]): Promise<Map<string, BalancePoint[]>> {
  if (accounts.length === 0) return Promise.resolve(new Map<string, BalancePoint[]>());
  const since = context.clock.now() - FORECAST_WINDOW_DAYS * DAY_MS;
  return historyOrFallback(context, 'read', () => history.read(accounts, since), new Map<string, BalancePoint[]>());
}

/** Records this invocation's live readings; a failure is logged, never fatal. */
export async function recordLive(context: HistoryContext, history: BalanceHistory, accounts: readonly AccountQuota[]): Promise<number> {
  const readings = liveReadings(accounts);
  if (readings.length === 0) return 0;
  const recorded = await historyOrFallback(context, 'recorded', () => history.record(readings).then(() => true), false);
  return recorded ? readings.length : 0;
}
