import { accountKey } from '../../core/account-key';
import { HOUR_MS, type BalancePoint } from '../../core/balance-points';
import { mapWithConcurrency } from '../../core/concurrency';
import type { UsageProfile } from '../../core/forecast';
import type { Logger } from '../../core/logger';
import { ranOutOfTime } from '../../core/run-budget';
import { toQuotaError } from '../../core/to-quota-error';
import type { AccountRef, BalanceReading, HistorySnapshot, RecordResult } from '../balance-history';
import type { CollectionAccess, DatabaseCommand } from '../database';
import {
  chinaDay,
  dayId,
  LAYOUT_DOCUMENT_ID,
  LAYOUT_VERSION,
  RECENT_READINGS,
  shardOf,
  summaryId,
  toPair,
} from './layout';
import { mergeFields, upsert, type Upsert } from './upsert';

/** Documents written at once: a run writes at most two per shard (its summary and today's record). */
export const HISTORY_WRITE_CONCURRENCY = 16;
/** Failed writes after which an invocation stops trying: a database that refuses this many refuses the rest. */
const MAX_FAILED_WRITES = 8;

/** One account's share of a document write. */
interface Part {
  points: BalancePoint[];
  profile?: UsageProfile;
}

interface PlannedDocument {
  id: string;
  day?: number;
  expect: Upsert['expect'];
  parts: Map<string, Part>;
}

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
  const plan = new Map<string, PlannedDocument>();
  const add = (id: string, expect: Upsert['expect'], key: string, part: Part, day?: number) => {
    const document = plan.get(id) ?? { id, day, expect, parts: new Map<string, Part>() };
    const existing = document.parts.get(key);
    document.parts.set(key, {
      points: [...(existing?.points ?? []), ...part.points],
      profile: part.profile ?? existing?.profile,
    });
    plan.set(id, document);
  };
  const summaryExpect = (key: string) => (snapshot.shards.has(shardOf(key)) ? 'present' : 'absent');
  // A day record exists once any account of its shard has a reading that day.
  const daysSeen = new Set(
    [...snapshot.summaries].flatMap(([key, summary]) =>
      summary.recent.map((point) => dayId(chinaDay(point.at), shardOf(key))),
    ),
  );
  const dayExpect = (id: string) => (daysSeen.has(id) ? 'present' : 'absent');

  const accounts = new Map<string, AccountRef>();
  for (const [key, { account, points }] of byAccount(readings)) {
    accounts.set(key, account);
    add(summaryId(shardOf(key)), summaryExpect(key), key, { points });
    for (const point of dayRecordPoints(snapshot.summaries.get(key)?.recent ?? [], points)) {
      const id = dayId(chinaDay(point.at), shardOf(key));
      add(id, dayExpect(id), key, { points: [point] }, chinaDay(point.at));
    }
  }
  for (const moving of snapshot.migrating) {
    const key = accountKey(moving.account);
    add(summaryId(shardOf(key)), summaryExpect(key), key, { points: [...moving.points], profile: moving.profile });
    for (const point of moving.points)
      add(dayId(chinaDay(point.at), shardOf(key)), 'absent', key, { points: [point] }, chinaDay(point.at));
  }

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
  await mapWithConcurrency([...plan.values()], HISTORY_WRITE_CONCURRENCY, (document) =>
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

function byAccount(readings: readonly BalanceReading[]): Map<string, { account: AccountRef; points: BalancePoint[] }> {
  const grouped = new Map<string, { account: AccountRef; points: BalancePoint[] }>();
  for (const reading of readings) {
    const key = accountKey(reading);
    const entry = grouped.get(key) ?? { account: { deliveryId: reading.deliveryId, bizId: reading.bizId }, points: [] };
    entry.points.push({ at: reading.at, quotaNum: reading.quotaNum });
    grouped.set(key, entry);
  }
  return grouped;
}

/**
 * The readings that go into the day's record: at most RECENT_READINGS per account and clock hour (the
 * history's thinning rule, judged from the summary's latest readings), and any rise beyond that, since
 * a top-up is where usage hides. The rest still update the latest balance.
 */
export function dayRecordPoints(recent: readonly BalancePoint[], added: readonly BalancePoint[]): BalancePoint[] {
  const known = [...recent];
  const kept: BalancePoint[] = [];
  for (const point of [...added].sort((a, b) => a.at - b.at)) {
    const hour = Math.floor(point.at / HOUR_MS);
    const sameHour = known.filter((other) => Math.floor(other.at / HOUR_MS) === hour).length;
    const latest = known.at(-1);
    if (sameHour < RECENT_READINGS || (latest !== undefined && point.quotaNum > latest.quotaNum)) kept.push(point);
    known.push(point);
  }
  return kept;
}

/** The write of `keys`' parts of one document: appends (and profile sets) only, or the new document's fields. */
function build(_: DatabaseCommand, document: PlannedDocument, keys: readonly string[], now: number): Upsert {
  const update: Record<string, unknown> = {};
  const created: Record<string, unknown> = document.day === undefined ? {} : { day: document.day };
  for (const key of keys) {
    const part = document.parts.get(key) as Part;
    const pairs = [...part.points].sort((a, b) => a.at - b.at).map(toPair);
    if (document.day !== undefined) {
      update[`p.${key}`] = _.push({ each: pairs });
      mergeFields(created, { p: { [key]: pairs } });
      continue;
    }
    const recent = pairs.slice(-RECENT_READINGS);
    if (recent.length > 0) update[`accounts.${key}.r`] = _.push({ each: recent, slice: -RECENT_READINGS });
    if (part.profile) update[`accounts.${key}.f`] = _.set(part.profile);
    mergeFields(created, {
      accounts: {
        [key]: { ...(recent.length > 0 ? { r: recent } : {}), ...(part.profile ? { f: part.profile } : {}) },
      },
    });
  }
  return {
    id: document.id,
    update: { ...update, writtenAt: now },
    created: { ...created, writtenAt: now },
    expect: document.expect,
  };
}

async function markLayout(access: CollectionAccess, now: number, log: Logger): Promise<void> {
  const fields = { version: LAYOUT_VERSION, legacyMigratedAt: now };
  try {
    await upsert(access, { id: LAYOUT_DOCUMENT_ID, update: fields, created: fields, expect: 'absent' }, log);
  } catch (raw) {
    log.info('balance history: the layout marker was not written; written next time', { code: toQuotaError(raw).code });
  }
}
