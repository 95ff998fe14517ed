import { accountKey } from '../../core/account-key';
import { mapWithConcurrency } from '../../core/concurrency';
import type { Logger } from '../../core/logger';
import { ranOutOfTime } from '../../core/run-budget';
import { toQuotaError } from '../../core/to-quota-error';
import type { BalanceReading, HistorySnapshot, RecordResult } from '../balance-history';
import type { CollectionAccess } from '../database';
import { LAYOUT_DOCUMENT_ID, LAYOUT_VERSION } from './layout';
import { build, planWrites, type PlannedDocument } from './plan-writes';
import { upsert } from './upsert';

/** Documents written at once: a run writes at most two per shard (its summary and today's record). */
export const HISTORY_WRITE_CONCURRENCY = 16;
/** Failed writes after which an invocation stops trying: a database that refuses this many refuses the rest. */
const MAX_FAILED_WRITES = 8;

/**
 * Appends each reading to its account's summary (the latest few) and to the day's record, and moves
 * the snapshot's first-release documents: one write per document, whatever the number of accounts in
 * it. A failed write is tried again, then split in halves, so one bad account costs only its own
 * reading; every account whose reading was not stored is reported and logged.
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
  let failedWrites = 0;
  let lastReason = '';
  const write = async (document: PlannedDocument, keys: readonly string[], attempts: number): Promise<void> => {
    if (failedWrites >= MAX_FAILED_WRITES) {
      for (const key of keys) failures.set(key, `not tried after ${failedWrites} failed writes (last: ${lastReason})`);
      return;
    }
    try {
      await upsert(access, build(access.command, document, keys, now), log);
    } catch (raw) {
      failedWrites += 1;
      const error = toQuotaError(raw);
      const reason = `${error.code}${error.errCode === undefined ? '' : ` ${error.errCode}`}: ${error.message.slice(0, 120)}`;
      lastReason = reason;
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

  await mapWithConcurrency(
    snapshot.migrating.filter((moving) => !failures.has(accountKey(moving.account))),
    HISTORY_WRITE_CONCURRENCY,
    async (moving) => {
      const _ = access.command;
      const unchanged = { _id: moving.id, rev: moving.rev ?? _.exists(false), _openid: _.exists(false) };
      try {
        const removed = await access.run((collection) => collection.where(unchanged).remove());
        if ((removed.stats?.removed ?? 0) === 0)
          log.info('balance history: a first-release document changed while it was moved; moved again next time');
      } catch (raw) {
        log.warn('balance history: a moved first-release document was not removed', { code: toQuotaError(raw).code });
      }
    },
  );
  if (snapshot.markLayout) await markLayout(access, now, log);

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

async function markLayout(access: CollectionAccess, now: number, log: Logger): Promise<void> {
  const fields = { version: LAYOUT_VERSION, legacyMigratedAt: now };
  try {
    await upsert(access, { id: LAYOUT_DOCUMENT_ID, update: fields, created: fields, expect: 'absent' }, log);
  } catch (raw) {
    log.info('balance history: the layout marker was not written; written next time', { code: toQuotaError(raw).code });
  }
}
