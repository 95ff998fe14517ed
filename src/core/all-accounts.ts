import { ACCOUNT_QUERY_CONCURRENCY, MIN_USEFUL_CALL_MS } from './budget';
import { callValidated, isoTime, type CallContext } from './call';
import { mapWithConcurrency } from './concurrency';
import { toWireError, type WireError } from './envelope';
import { ErrorCode, QuotaError } from './errors';
import { LogisticsApiName } from './logistics';
import { assertNotMangled } from './mangled-text';
import { fetchQuota } from './single-quota';
import { toQuotaError } from './to-quota-error';
import { accountAnswerSchema, deliveryAnswerSchema, type AccountAnswer } from './upstream';

/** getAllAccount's status_code, named. Only bound accounts have a balance to query. */
export const ACCOUNT_STATUS = { 0: 'bound', 1: 'reviewing', 2: 'failed', 3: 'unbound' } as const;
export type AccountStatus = (typeof ACCOUNT_STATUS)[keyof typeof ACCOUNT_STATUS] | 'unknown';

export interface AccountQuota {
  deliveryId: string;
  deliveryName: string;
  bizId: string;
  alias: string;
  statusCode: number;
  status: AccountStatus;
  /** The balance to show: live from getQuota, or the getAllAccount snapshot when the live query failed. */
  quotaNum: number | null;
  quotaSource: 'live' | 'snapshot' | null;
  /** When `quotaNum` was true (ISO 8601): the fetch time when live, the snapshot's time when a snapshot. */
  quotaUpdatedAt: string | null;
  /** Why the live balance is missing, for a bound account whose query failed. */
  error?: WireError;
}

/** An account whose courier has no waybill quota (direct-operated couriers): listed, never queried. */
export interface UnsupportedAccount {
  deliveryId: string;
  deliveryName: string;
  bizId: string;
  alias: string;
}

export interface AllAccounts {
  accounts: AccountQuota[];
  unsupported: UnsupportedAccount[];
  fetchedAt: string;
}

type AccountRow = AccountAnswer['list'][number];

/** Every bound account of a quota-capable courier with its live balance; one failure stays on its account. */
export async function fetchAllAccounts(context: CallContext): Promise<AllAccounts> {
  const [accountAnswer, deliveryAnswer] = await Promise.all([
    callValidated(context, LogisticsApiName.getAllAccount, accountAnswerSchema, () => context.api.getAllAccount()),
    callValidated(context, LogisticsApiName.getAllDelivery, deliveryAnswerSchema, () => context.api.getAllDelivery()),
  ]);
  const couriers = new Map(deliveryAnswer.data.map((courier) => [courier.deliveryId, courier]));
  const queryable: AccountRow[] = [];
  const unsupported: UnsupportedAccount[] = [];
  for (const row of accountAnswer.list) {
    const courier = couriers.get(row.deliveryId);
    if (courier?.canGetQuota) queryable.push(row);
    else unsupported.push({ deliveryId: row.deliveryId, deliveryName: courier?.deliveryName ?? '', bizId: row.bizId, alias: row.alias });
  }
  const accounts = await mapWithConcurrency(queryable, ACCOUNT_QUERY_CONCURRENCY, (row) =>
    accountQuota(context, row, couriers.get(row.deliveryId)?.deliveryName ?? ''),
  );
  return { accounts, unsupported, fetchedAt: isoTime(context.clock.now()) };
}

async function accountQuota(context: CallContext, row: AccountRow, deliveryName: string): Promise<AccountQuota> {
  const status: AccountStatus = ACCOUNT_STATUS[row.statusCode as keyof typeof ACCOUNT_STATUS] ?? 'unknown';
  const base = { deliveryId: row.deliveryId, deliveryName, bizId: row.bizId, alias: row.alias, statusCode: row.statusCode, status };
  if (status !== 'bound') return { ...base, quotaNum: null, quotaSource: null, quotaUpdatedAt: null };
  try {
    assertNotMangled(`${row.deliveryId}/${row.bizId}`, { deliveryId: row.deliveryId, bizId: row.bizId, alias: row.alias, 'courier name': deliveryName });
    if (context.clock.now() + MIN_USEFUL_CALL_MS > context.deadline) {
      throw new QuotaError(ErrorCode.UPSTREAM_UNAVAILABLE, 'Not queried: the time budget of this call ran out before this account was reached. Try again or query this account alone.');
    }
    const live = await fetchQuota(context, row);
    return { ...base, quotaNum: live.quotaNum, quotaSource: 'live', quotaUpdatedAt: live.fetchedAt };
  } catch (raw) {
    const error = toQuotaError(raw, LogisticsApiName.getQuota);
    context.log.warn('account quota query failed', { deliveryId: row.deliveryId, bizId: row.bizId, code: error.code, errCode: error.errCode });
    return { ...base, ...snapshotOf(row), error: toWireError(error) };
  }
}

function snapshotOf(row: AccountRow): Pick<AccountQuota, 'quotaNum' | 'quotaSource' | 'quotaUpdatedAt'> {
  if (row.quotaNum === undefined) return { quotaNum: null, quotaSource: null, quotaUpdatedAt: null };
  const updatedAt = row.quotaUpdateTime ? isoTime(row.quotaUpdateTime * 1000) : null;
  return { quotaNum: row.quotaNum, quotaSource: 'snapshot', quotaUpdatedAt: updatedAt };
}
