import type { AccountQuota } from '../core/all-accounts';
import { DAY_MS } from '../core/balance-points';
import type { CallContext } from '../core/call';
import { forecast, FORECAST_WINDOW_DAYS, type Forecast } from '../core/forecast';
import {
  historyKey,
  type AccountRef,
  type BalanceHistory,
  type BalanceReading,
  type StoredHistory,
} from './balance-history';
import { historyOrFallback } from './history-guard';

export type ForecastedAccount = AccountQuota & { forecast: Forecast };

/** What an account gets when its history is unknown: no forecast, from no history. */
export const NO_FORECAST: Forecast = { dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 0 };

type HistoryContext = Pick<CallContext, 'clock' | 'deadline' | 'log'>;

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
 * Each account with its run-out forecast, from its stored history (as `loadStored` read it) plus this
 * invocation's live reading. When the history could not be read, every account answers NO_FORECAST and the balances stand.
 */
export function withForecasts(
  context: Pick<CallContext, 'clock'>,
  accounts: readonly AccountQuota[],
  stored: StoredHistory | undefined,
): ForecastedAccount[] {
  const now = context.clock.now();
  const since = now - FORECAST_WINDOW_DAYS * DAY_MS;
  const live = new Map(liveReadings(accounts).map((reading) => [historyKey(reading), reading]));
  return accounts.map((account) => {
    const key = historyKey(account);
    const window = stored?.points.get(key)?.filter((point) => point.at >= since);
    const own = window && window.length > 0 ? window : undefined;
    if (own === undefined && !live.has(key)) return { ...account, forecast: NO_FORECAST };
    const reading = live.get(key);
    return { ...account, forecast: forecast(reading ? [...(own ?? []), reading] : (own ?? []), now) };
  });
}

/**
 * The whole stored history of `accounts`, read once for the forecast and for recording on top of it;
 * undefined (logged) when it cannot be read in time, which is not the same as no history.
 */
export function loadStored(
  context: HistoryContext,
  history: BalanceHistory,
  accounts: readonly AccountRef[],
): Promise<StoredHistory | undefined> {
  if (accounts.length === 0) return Promise.resolve({ points: new Map(), revisions: new Map() });
  return historyOrFallback<StoredHistory | undefined>(context, 'read', () => history.load(accounts), undefined);
}

/** Records this invocation's live readings over what it read of the history (`stored`); a failure is logged, never fatal. */
export async function recordLive(
  context: HistoryContext,
  history: BalanceHistory,
  accounts: readonly AccountQuota[],
  stored?: StoredHistory,
): Promise<number> {
  const readings = liveReadings(accounts);
  if (readings.length === 0) return 0;
  const recorded = await historyOrFallback(
    context,
    'recorded',
    () => history.record(readings, { stored, deadline: context.deadline }).then(() => true),
    false,
  );
  return recorded ? readings.length : 0;
}
