import { mapWithConcurrency } from '../../core/concurrency';
import type { Logger } from '../../core/logger';
import { ranOutOfTime } from '../../core/run-budget';
import { toQuotaError } from '../../core/errors/to-quota-error';
import type { BalanceReading, HistorySnapshot, RecordResult } from '../balance-history';
import type { CollectionAccess } from '../database';
import { build, planWrites, type PlannedDocument } from './plan-writes';
import { HISTORY_WRITE_CONCURRENCY } from './layout';
import { upsert } from './upsert';

/** Failed writes of one document after which its remaining accounts are not tried again in this invocation. */
const MAX_FAILED_WRITES_PER_DOCUMENT = 4;

/**
 * Appends each reading to its account's summary (the latest few) and to the day's record: one write
 * per document, whatever the number of accounts in it, all at once. A failed write is tried again,
 * then split in halves, so one bad account costs only its own reading; every account whose reading
 * was not stored is reported and logged.
 */
export async function recordReadings(
  access: CollectionAccess,
  readings: readonly BalanceReading[],
  snapshot: HistorySnapshot,
  now: number,
  log: Logger,
): Promise<RecordResult> {
  const { documents, accounts } = planWrites(readings, snapshot);
  const failures = new Map<string, string>();
  // Counted per document, so that one bad document costs only its own accounts' readings.
  const failedWrites = new Map<string, number>();
  const lastReason = new Map<string, string>();
  const write = async (document: PlannedDocument, keys: readonly string[], attempts: number): Promise<void> => {
    const failed = failedWrites.get(document.id) ?? 0;
    if (failed >= MAX_FAILED_WRITES_PER_DOCUMENT) {
      const reason = `not tried after ${failed} failed writes of ${document.id} (last: ${lastReason.get(document.id)})`;
      for (const key of keys) failures.set(key, reason);
      return;
    }
    try {
      await upsert(access, build(access.command, document, keys, now), log);
    } catch (raw) {
      failedWrites.set(document.id, failed + 1);
      const error = toQuotaError(raw);
      const reason = `${error.code}${error.errCode === undefined ? '' : ` ${error.errCode}`}: ${error.message.slice(0, 120)}`;
      lastReason.set(document.id, reason);
      if (ranOutOfTime(raw) || (attempts <= 1 && keys.length === 1)) {
        for (const key of keys) if (!failures.has(key)) failures.set(key, reason);
        return;
      }
      if (attempts > 1) return write(document, keys, attempts - 1);
      const half = Math.ceil(keys.length / 2);
      await Promise.all([write(document, keys.slice(0, half), 1), write(document, keys.slice(half), 1)]);
    }
  };
  await mapWithConcurrency(documents, HISTORY_WRITE_CONCURRENCY, (document) =>
    write(document, [...document.parts.keys()], 2),
  );

  const notKept = [...accounts]
    .filter(([key]) => failures.has(key))
    .map(([key, account]) => ({ ...account, reason: failures.get(key) as string }));
  if (notKept.length > 0)
    log.warn('balance history: readings not kept; those accounts are queried again next run', {
      count: notKept.length,
      accounts: notKept
        .slice(0, 20)
        .map((account) => `${account.deliveryId}/${account.bizId}`)
        .join(', '),
      reason: notKept[0]?.reason,
    });
  return { kept: accounts.size - notKept.length, notKept };
}
