import { logFailure } from '../core/log-failure';
import { accountKey } from '../core/accounts/account-key';
import { TIME_BUDGET_MS } from '../core/time-limits';
import { fetchAllAccounts } from '../core/accounts/all-accounts';
import type { AllAccounts, ForecastedAccount } from '../contract/answers';
import type { CallContext } from '../core/wechat/openapi-call';
import type { RunBudget } from '../core/run-budget';
import { toQuotaError } from '../core/errors/to-quota-error';
import { liveReadings, withForecasts } from './account-forecasts';
import {
  EMPTY_SNAPSHOT,
  type AccountRef,
  type BalanceHistory,
  type HistorySnapshot,
  type RecordResult,
} from './balance-history';

/** Kept free after the live queries beyond the database writes' measured time, for the answer itself. */
export const RECORD_MARGIN_MS = 100;
/** And this much more per account: building and sending the answer (forecasts walk a profile: microseconds). */
export const ANSWER_RESERVE_MS_PER_ACCOUNT = 0.1;
/**
 * A timer run queries only accounts read longer ago than this, oldest first; the others are answered
 * from storage. With the trigger every 10 minutes (config.json), every account is read about every 50
 * minutes, so no balance is more than an hour old, as long as a run can query a sixth of the accounts.
 */
export const TIMER_REFRESH_AFTER_MS = 48 * 60_000;

/**
 * The longest the balances wait for the small read of the history that plans the live queries: past
 * it they go ahead without stored figures, so a database that hangs costs at most half the budget.
 */
export const SNAPSHOT_WAIT_MS = TIME_BUDGET_MS / 2;
/** How a history call that outlived the deadline is named. */
export const HISTORY = 'the balance history';

export interface BalancesWithForecast extends Omit<AllAccounts, 'accounts'> {
  accounts: ForecastedAccount[];
  /** What was read of the history: the base of the recording and of the maintenance after it. */
  snapshot: HistorySnapshot;
  /** This invocation's live readings going into the history. Never rejects. */
  recording: Promise<RecordResult>;
}

export interface BalanceOptions {
  mode: 'page' | 'timer';
  /** Every database call of the invocation, held to its deadline; it also measures how slow the database is. */
  budget: RunBudget;
  /**
   * Kept free after the live queries for what must follow them (the writes, a timer's alerts), given
   * the budget's estimates and whether the history could be read: when it could not, the database is
   * failing or hanging, and the balances come first.
   */
  reserveMs: (historyRead: boolean) => number;
  onListed?: (accounts: readonly AccountRef[]) => void;
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
  options: BalanceOptions,
): Promise<BalancesWithForecast> {
  let snapshot = EMPTY_SNAPSHOT;
  const fetched = await fetchAllAccounts(context, {
    stored: async (accounts) => {
      options.onListed?.(accounts);
      if (accounts.length > 0) snapshot = await readSnapshot(context, history, accounts, options.budget);
      return (account) => snapshot.summaries.get(accountKey(account))?.recent.at(-1);
    },
    refreshAfterMs: options.mode === 'timer' ? TIMER_REFRESH_AFTER_MS : undefined,
    reserveMs: (accounts) => options.reserveMs(snapshot.read) + Math.ceil(accounts * ANSWER_RESERVE_MS_PER_ACCOUNT),
  });
  const readings = liveReadings(fetched.accounts);
  return {
    ...fetched,
    accounts: withForecasts(context.clock.now(), fetched.accounts, snapshot),
    snapshot,
    // Guarded here too: a history is an interface, and no implementation may keep the invocation past its deadline.
    recording: options.budget
      .abandonAtDeadline(history.record(readings, snapshot, options.budget), HISTORY)
      .catch((raw: unknown) => {
        const error = logFailure(context.log, 'warn', 'balance history: readings not kept', raw);
        return {
          kept: 0,
          notKept: readings.map(({ deliveryId, bizId }) => ({ deliveryId, bizId, reason: error.code })),
        };
      }),
  };
}

async function readSnapshot(
  context: CallContext,
  history: BalanceHistory,
  accounts: readonly AccountRef[],
  budget: RunBudget,
): Promise<HistorySnapshot> {
  try {
    const until = Math.min(budget.deadline, budget.now() + SNAPSHOT_WAIT_MS);
    return await budget.abandonAtDeadline(history.snapshot(accounts, budget), HISTORY, until);
  } catch (raw) {
    logFailure(
      context.log,
      'warn',
      'balance history not read: balances answer without stored figures or forecasts',
      raw,
      {
        detail: toQuotaError(raw).message.slice(0, 200),
      },
    );
    return EMPTY_SNAPSHOT;
  }
}
