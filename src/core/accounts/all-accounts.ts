import { listAccounts, type Listed } from './account-listing';
import type { AccountRow } from '../wechat/account-rows';
import { DAILY_QUOTA_CODE, outcomeOf } from '../wechat/adaptive-limit';
import { mapAdaptive } from '../concurrency';
import type { BalancePoint } from '../forecast/balance-points';
import { isoTime } from '../clock';
import type { CallContext } from '../wechat/openapi-call';
import { toWireError } from '../errors/envelope';
import { QuotaError } from '../errors/errors';
import { ErrorCode } from '../../contract/errors';
import { LogisticsApiName } from '../wechat/logistics';
import { assertNotMangled } from '../wechat/mangled-text';
import { refreshOrder } from './refresh-order';
import { timeLeft } from '../run-budget';
import { fetchQuota } from '../wechat/single-quota';
import { toQuotaError } from '../errors/to-quota-error';
import { ACCOUNT_STATUS, type AccountQuota, type AccountStatus, type AllAccounts } from '../../contract/answers';

export { ACCOUNT_STATUS } from '../../contract/answers';
export type {
  AccountQuota,
  AccountStatus,
  AllAccounts,
  UnsupportedAccount,
  UnsupportedReason,
} from '../../contract/answers';

/** The latest live balance kept for an account, if any; see LiveQueryOptions.stored. */
export type StoredLookup = (account: { deliveryId: string; bizId: string }) => BalancePoint | undefined;

export interface LiveQueryOptions {
  /**
   * Reads the latest stored live balance of the given accounts, once they are listed: the live queries
   * go oldest first, and an account not queried live this time is answered from it ('stored').
   */
  stored?: (accounts: ReadonlyArray<{ deliveryId: string; bizId: string }>) => Promise<StoredLookup>;
  /** Accounts stored less than this long ago are not queried but answered from storage: the timer's rounds. */
  refreshAfterMs?: number;
  /** How long before the deadline live queries end, given how many accounts there are to query: the time to forecast and record them. */
  reserveMs?: (accounts: number) => number;
}

/**
 * Every bound account of a quota-capable courier with its balance: live for as many as the time
 * budget allows (adaptive concurrency, oldest stored first), stored for the rest. Rows are read one
 * by one: a malformed row, like a failed query, stays on its own account; only a malformed envelope
 * fails the call.
 */
export async function fetchAllAccounts(context: CallContext, options: LiveQueryOptions = {}): Promise<AllAccounts> {
  const { listed, unsupported } = await listAccounts(context);
  const queryable = listed.filter((entry) => problemOf(entry) === undefined && statusOf(entry.row) === 'bound');
  const stored = options.stored ? await options.stored(queryable.map(({ row }) => row)) : () => undefined;
  const plan = refreshOrder(queryable, ({ row }) => stored(row)?.at, context.clock.now(), options.refreshAfterMs);
  const live = { ...context, deadline: context.deadline - (options.reserveMs?.(queryable.length) ?? 0) };
  const liveTime = timeLeft(live);
  const run = await mapAdaptive(plan.query, (entry) => liveQuota(live, entry, stored(entry.row)), {
    outcome: (account) => outcomeOf(account.error?.errCode, account.quotaSource !== 'live'),
    mayStart: () => liveTime.hasUsefulTime(),
  });
  const answered = new Map(plan.query.map((entry, index) => [entry, run.results[index]] as const));
  if (run.stoppedBy !== null)
    context.log.warn('live queries ended early', {
      reason: run.stoppedBy,
      queried: run.results.filter(Boolean).length,
      of: plan.query.length,
    });
  const accounts = listed.map(
    (entry) => answered.get(entry) ?? notQueried(context, entry, stored(entry.row), run.stoppedBy),
  );
  return { accounts, unsupported, fetchedAt: isoTime(context.clock.now()) };
}

function statusOf(row: AccountRow): AccountStatus {
  return ACCOUNT_STATUS[row.statusCode as keyof typeof ACCOUNT_STATUS] ?? 'unknown';
}

function problemOf({ row, courierProblem }: Listed): string | undefined {
  return row.problem === undefined ? courierProblem : row.problem;
}

function baseOf({ row, deliveryName }: Listed): Omit<AccountQuota, 'quotaNum' | 'quotaSource' | 'quotaUpdatedAt'> {
  return {
    deliveryId: row.deliveryId,
    deliveryName,
    bizId: row.bizId,
    alias: row.alias,
    statusCode: row.statusCode,
    status: statusOf(row),
  };
}

const UNREAD = { quotaNum: null, quotaSource: null, quotaUpdatedAt: null };

/** An account that was not queried live: malformed, not bound, already fresh in storage, or out of time or quota. */
function notQueried(
  context: CallContext,
  entry: Listed,
  stored: BalancePoint | undefined,
  stoppedBy: 'daily-quota' | 'time' | null,
): AccountQuota {
  const { row } = entry;
  const malformed = problemOf(entry);
  if (malformed !== undefined) {
    context.log.warn('malformed account row not queried', {
      deliveryId: row.deliveryId,
      bizId: row.bizId,
      code: ErrorCode.UPSTREAM_INVALID,
    });
    const message =
      `WeChat described this account incorrectly (${malformed}), so it was not queried. ` +
      `Try again later; if it persists, report it to WeChat with this message.`;
    return { ...baseOf(entry), ...UNREAD, error: { code: ErrorCode.UPSTREAM_INVALID, message } };
  }
  if (statusOf(row) !== 'bound') return { ...baseOf(entry), ...UNREAD };
  if (stored !== undefined)
    return { ...baseOf(entry), quotaNum: stored.quotaNum, quotaSource: 'stored', quotaUpdatedAt: isoTime(stored.at) };
  const error =
    stoppedBy === 'daily-quota'
      ? new QuotaError(
          ErrorCode.RATE_LIMITED,
          "Not queried: the mini-program's daily API quota is used up. Try again tomorrow, or reset the quota in the admin console.",
          { errCode: DAILY_QUOTA_CODE },
        )
      : new QuotaError(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          'Not queried: the time budget of this call ran out before this account was reached. Try again or query this account alone.',
        );
  return failed(context, entry, error, undefined);
}

async function liveQuota(context: CallContext, entry: Listed, stored: BalancePoint | undefined): Promise<AccountQuota> {
  const { row, deliveryName } = entry;
  try {
    assertNotMangled(`${row.deliveryId}/${row.bizId}`, {
      deliveryId: row.deliveryId,
      bizId: row.bizId,
      alias: row.alias,
      'courier name': deliveryName,
    });
    const live = await fetchQuota(context, row);
    return { ...baseOf(entry), quotaNum: live.quotaNum, quotaSource: 'live', quotaUpdatedAt: live.fetchedAt };
  } catch (raw) {
    return failed(context, entry, toQuotaError(raw, LogisticsApiName.getQuota), stored);
  }
}

/** A bound account without a live balance: the error, and the newer of its stored balance and getAllAccount's snapshot. */
function failed(
  context: CallContext,
  entry: Listed,
  quotaError: QuotaError,
  stored: BalancePoint | undefined,
): AccountQuota {
  const { row } = entry;
  const error = toWireError(quotaError);
  context.log.warn('account quota query failed', {
    deliveryId: row.deliveryId,
    bizId: row.bizId,
    code: error.code,
    errCode: error.errCode,
  });
  const snapshotAt = row.snapshot?.updatedAtMs;
  if (stored !== undefined && (row.snapshot === undefined || snapshotAt === null || (snapshotAt ?? 0) < stored.at)) {
    return {
      ...baseOf(entry),
      quotaNum: stored.quotaNum,
      quotaSource: 'stored',
      quotaUpdatedAt: isoTime(stored.at),
      error,
    };
  }
  if (row.snapshotProblem !== undefined)
    error.message += ` The cached balance could not be shown either: ${row.snapshotProblem}.`;
  return { ...baseOf(entry), ...snapshotOf(row), error };
}

function snapshotOf(row: AccountRow): Pick<AccountQuota, 'quotaNum' | 'quotaSource' | 'quotaUpdatedAt'> {
  if (row.snapshot === undefined) return { quotaNum: null, quotaSource: null, quotaUpdatedAt: null };
  const updatedAt = row.snapshot.updatedAtMs === null ? null : isoTime(row.snapshot.updatedAtMs);
  return { quotaNum: row.snapshot.quotaNum, quotaSource: 'snapshot', quotaUpdatedAt: updatedAt };
}
