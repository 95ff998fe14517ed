import { fetchAllAccounts, type AllAccounts } from '../core/all-accounts';
import type { BalancePoint } from '../core/balance-points';
import type { CallContext } from '../core/call';
import { loadStored, recordLive, withForecasts, type ForecastedAccount } from './account-forecasts';
import { historyKey, type AccountRef, type BalanceHistory, type StoredHistory } from './balance-history';
import { historyOrFallback } from './history-guard';

/** Live queries end this long before the deadline, so this invocation's readings can still be recorded. */
export const RECORD_RESERVE_MS = 300;
/** And this much more per account, to forecast it: 28 days of hourly readings take about 0.5 ms (BENCHMARKS.md). */
export const FORECAST_RESERVE_MS_PER_ACCOUNT = 0.5;
/**
 * A timer run queries only accounts read longer ago than this, oldest first; the others are answered
 * from storage. With the trigger every 10 minutes (config.json), every account is read about every 50
 * minutes, so no balance is more than an hour old, as long as a run can query a sixth of the accounts.
 */
export const TIMER_REFRESH_AFTER_MS = 48 * 60_000;
/** The trigger's period in config.json, for the figures above and the README. */
export const TIMER_PERIOD_MINUTES = 10;

export interface BalancesWithForecast extends Omit<AllAccounts, 'accounts'> {
  accounts: ForecastedAccount[];
  /** This invocation's live readings going into the history: how many made it. Never rejects. */
  recording: Promise<number>;
}

/**
 * Every account's balance (live for as many as fit the budget, oldest stored first; stored for the
 * rest), each with its forecast; this invocation's live readings are being recorded when it returns,
 * so that a timer run's alerts need not wait for them. The history never costs the balances: when it
 * fails or is slow, accounts answer without stored balances or forecasts.
 */
export async function fetchBalances(
  context: CallContext,
  history: BalanceHistory,
  mode: 'page' | 'timer',
  onListed?: (accounts: readonly AccountRef[]) => void,
): Promise<BalancesWithForecast> {
  let stored: Promise<StoredHistory | undefined> = Promise.resolve(undefined);
  const fetched = await fetchAllAccounts(context, {
    stored: async (accounts) => {
      onListed?.(accounts);
      // The whole history (for the forecast and the recording) is read once, beside the small read that plans the live queries, and arrives while they run.
      stored = loadStored(context, history, accounts);
      const latest =
        accounts.length === 0
          ? new Map<string, BalancePoint>()
          : await historyOrFallback(context, 'read', () => history.latest(accounts), new Map<string, BalancePoint>());
      return (account) => latest.get(historyKey(account));
    },
    refreshAfterMs: mode === 'timer' ? TIMER_REFRESH_AFTER_MS : undefined,
    reserveMs: (accounts) => RECORD_RESERVE_MS + Math.ceil(accounts * FORECAST_RESERVE_MS_PER_ACCOUNT),
  });
  const read = await stored;
  return {
    ...fetched,
    accounts: withForecasts(context, fetched.accounts, read),
    recording: recordLive(context, history, fetched.accounts, read),
  };
}
