import { accountKey } from '../../core/accounts/account-key';
import { HOUR_MS, type BalancePoint } from '../../core/forecast/balance-points';
import type { AccountRef, BalanceReading, HistorySnapshot } from '../balance-history';
import type { DatabaseCommand } from '../database';
import { chinaDay, dayId, RECENT_READINGS, shardOf, summaryId, toPair } from './layout';
import { mergeFields, type Upsert } from './upsert';

export interface PlannedDocument {
  id: string;
  day?: number;
  expect: Upsert['expect'];
  /** Each account's readings going into it, by accountKey. */
  parts: Map<string, BalancePoint[]>;
}

/**
 * The documents an invocation's readings go into, each with every account's share of it: one write per
 * document, whatever the number of accounts.
 */
export function planWrites(
  readings: readonly BalanceReading[],
  snapshot: HistorySnapshot,
): { documents: PlannedDocument[]; accounts: Map<string, AccountRef> } {
  const plan = new Map<string, PlannedDocument>();
  const add = (id: string, expect: Upsert['expect'], key: string, points: BalancePoint[], day?: number) => {
    const document = plan.get(id) ?? { id, day, expect, parts: new Map<string, BalancePoint[]>() };
    document.parts.set(key, [...(document.parts.get(key) ?? []), ...points]);
    plan.set(id, document);
  };
  // Unknown (the snapshot could not be read): most documents exist, so an update is tried first.
  const summaryExpect = (key: string) => (!snapshot.read || snapshot.shards.has(shardOf(key)) ? 'present' : 'absent');
  // A day record exists once any account of its shard has a reading that day.
  const daysSeen = new Set(
    [...snapshot.summaries].flatMap(([key, summary]) =>
      summary.recent.map((point) => dayId(chinaDay(point.at), shardOf(key))),
    ),
  );
  const dayExpect = (id: string) => (!snapshot.read || daysSeen.has(id) ? 'present' : 'absent');

  const accounts = new Map<string, AccountRef>();
  for (const [key, { account, points }] of byAccount(readings)) {
    accounts.set(key, account);
    add(summaryId(shardOf(key)), summaryExpect(key), key, points);
    for (const point of dayRecordPoints(snapshot.summaries.get(key)?.recent ?? [], points)) {
      const id = dayId(chinaDay(point.at), shardOf(key));
      add(id, dayExpect(id), key, [point], chinaDay(point.at));
    }
  }
  return { documents: [...plan.values()], accounts };
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

/** The write of `keys`' parts of one document: appends only, or the new document's fields. */
export function build(_: DatabaseCommand, document: PlannedDocument, keys: readonly string[], now: number): Upsert {
  const update: Record<string, unknown> = {};
  const created: Record<string, unknown> = document.day === undefined ? {} : { day: document.day };
  for (const key of keys) {
    const pairs = [...(document.parts.get(key) as BalancePoint[])].sort((a, b) => a.at - b.at).map(toPair);
    if (document.day !== undefined) {
      update[`p.${key}`] = _.push({ each: pairs });
      mergeFields(created, { p: { [key]: pairs } });
      continue;
    }
    const recent = pairs.slice(-RECENT_READINGS);
    update[`accounts.${key}.r`] = _.push({ each: recent, slice: -RECENT_READINGS });
    mergeFields(created, { accounts: { [key]: { r: recent } } });
  }
  return {
    id: document.id,
    update: { ...update, writtenAt: now },
    created: { ...created, writtenAt: now },
    expect: document.expect,
  };
}
