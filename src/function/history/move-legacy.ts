import { logFailure } from '../../core/log-failure';
import { accountKey } from '../../core/accounts/account-key';
import { mapWithConcurrency } from '../../core/concurrency';
import type { Logger } from '../../core/logger';
import type { HistorySnapshot } from '../balance-history';
import type { CollectionAccess } from '../database';
import {
  chinaDay,
  dayId,
  HISTORY_WRITE_CONCURRENCY,
  LAYOUT_DOCUMENT_ID,
  LAYOUT_VERSION,
  RECENT_READINGS,
  shardOf,
  summaryId,
  toPair,
  type Pair,
} from './layout';
import { mergeFields, upsert, type Upsert } from './upsert';

/**
 * Moves the snapshot's first-release documents to the current layout. Each one's readings are set
 * whole into its day records under `m.<key>` (a set, not an append: moving a document again, after a
 * failure or a change by the first release still running somewhere, changes nothing twice), its usage
 * profile into its summary, and its latest readings too when the account has none in the current layout
 * yet (never over newer ones). The old document is removed once all of that is in, and only if nobody
 * changed it meanwhile (its `rev`); otherwise it is moved again next time. Returns how many were moved.
 */
export async function moveLegacy(
  access: CollectionAccess,
  snapshot: HistorySnapshot,
  now: number,
  log: Logger,
): Promise<number> {
  const _ = access.command;
  const writes = new Map<string, { write: Upsert; keys: Set<string> }>();
  const add = (id: string, update: Record<string, unknown>, created: Record<string, unknown>, key: string) => {
    const entry = writes.get(id) ?? {
      write: { id, update: { writtenAt: now }, created: { writtenAt: now }, expect: 'absent' as const },
      keys: new Set<string>(),
    };
    Object.assign(entry.write.update, update);
    mergeFields(entry.write.created, created);
    entry.keys.add(key);
    writes.set(id, entry);
  };
  for (const moving of snapshot.migrating) {
    const key = accountKey(moving.account);
    const shard = shardOf(key);
    const byDay = new Map<number, Pair[]>();
    for (const point of moving.points)
      byDay.set(chinaDay(point.at), [...(byDay.get(chinaDay(point.at)) ?? []), toPair(point)]);
    for (const [day, pairs] of byDay)
      add(dayId(day, shard), { [`m.${key}`]: _.set(pairs) }, { day, m: { [key]: pairs } }, key);
    const recent = moving.hasSummary ? [] : moving.points.slice(-RECENT_READINGS).map(toPair);
    add(
      summaryId(shard),
      {
        [`accounts.${key}.f`]: _.set(moving.profile),
        ...(recent.length > 0 ? { [`accounts.${key}.r`]: _.push({ each: recent, slice: -RECENT_READINGS }) } : {}),
      },
      { accounts: { [key]: { f: moving.profile, ...(recent.length > 0 ? { r: recent } : {}) } } },
      key,
    );
  }
  const failed = new Set<string>();
  await mapWithConcurrency([...writes.values()], HISTORY_WRITE_CONCURRENCY, async ({ write, keys }) => {
    try {
      await upsert(access, write, log);
    } catch (raw) {
      for (const key of keys) failed.add(key);
      logFailure(log, 'info', 'balance history: a first-release document was not moved yet; moved next time', raw);
    }
  });
  const moved = snapshot.migrating.filter((moving) => !failed.has(accountKey(moving.account)));
  const removed = await mapWithConcurrency(moved, HISTORY_WRITE_CONCURRENCY, async (moving) => {
    const unchanged = { _id: moving.id, rev: moving.rev ?? _.exists(false), _openid: _.exists(false) };
    try {
      const answer = await access.run((collection) => collection.where(unchanged).remove());
      if ((answer.stats?.removed ?? 0) > 0) return 1;
      log.info('balance history: a first-release document changed while it was moved; moved again next time');
    } catch (raw) {
      logFailure(log, 'info', 'balance history: a moved first-release document was not removed yet', raw);
    }
    return 0;
  });
  if (snapshot.markLayout) await markLayout(access, now, log);
  return removed.reduce<number>((sum, count) => sum + count, 0);
}

/** Says, once no first-release document is left, that later reads need not look for them. */
async function markLayout(access: CollectionAccess, now: number, log: Logger): Promise<void> {
  const fields = { version: LAYOUT_VERSION, legacyMigratedAt: now };
  try {
    await upsert(access, { id: LAYOUT_DOCUMENT_ID, update: fields, created: fields, expect: 'absent' }, log);
  } catch (raw) {
    logFailure(log, 'info', 'balance history: the layout marker was not written; written next time', raw);
  }
}
