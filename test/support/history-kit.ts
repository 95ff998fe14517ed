import { accountKey, legacyAccountKey } from '../../src/core/account-key';
import type { BalancePoint } from '../../src/core/balance-points';
import { usageProfile } from '../../src/core/forecast';
import type { CloudDatabase } from '../../src/emulator/cloud-database';
import type { ModelStateInput } from '../../src/emulator/state';
import { ALERT_COLLECTION, MEMORY_DOCUMENT_ID } from '../../src/function/alert-memory';
import {
  chinaDay,
  dayId,
  HISTORY_COLLECTION,
  LAYOUT_DOCUMENT_ID,
  LAYOUT_VERSION,
  RECENT_READINGS,
  shardOf,
  summaryId,
} from '../../src/function/history/layout';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

type Account = { deliveryId: string; bizId: string };
type Pair = [number, number];

/** Hourly readings, `hours` of them, the last at `end`, falling `perHour` waybills an hour down to `lastQuota`. */
export function hourlyPairs(hours: number, lastQuota: number, perHour: number, end = Date.now()): Pair[] {
  return Array.from({ length: hours }, (_, index) => [
    end - (hours - 1 - index) * HOUR,
    lastQuota + (hours - 1 - index) * perHour,
  ]);
}

/** `count` readings `stepMs` apart, the last at `end`, all at `quotaNum`. */
export function steadyPairs(count: number, stepMs: number, quotaNum: number, end = Date.now()): Pair[] {
  return Array.from({ length: count }, (_, index) => [end - (count - 1 - index) * stepMs, quotaNum]);
}

/** A quota_history document exactly as the first release wrote it (one per account, rewritten whole). */
export function legacyHistoryDocument(account: Account, points: Pair[], rev?: number): Record<string, unknown> {
  return {
    _id: legacyAccountKey(account),
    deliveryId: account.deliveryId,
    bizId: account.bizId,
    points,
    latest: points[points.length - 1],
    ...(rev === undefined ? {} : { rev }),
  };
}

/**
 * The quota_history documents the current release leaves for these accounts' readings: a summary per
 * shard (the latest readings and a usage profile computed at `now`), a record per China day and shard,
 * and the layout's marker.
 */
export function historyDocuments(accounts: ReadonlyArray<Account & { points: Pair[] }>, now = Date.now()) {
  const documents = new Map<string, Record<string, unknown>>();
  const documentAt = (id: string, fields: Record<string, unknown>) => {
    const document = documents.get(id) ?? { _id: id, ...fields };
    documents.set(id, document);
    return document;
  };
  for (const account of accounts) {
    const key = accountKey(account);
    const shard = shardOf(key);
    const points = account.points.map(([at, quotaNum]): BalancePoint => ({ at, quotaNum }));
    const summary = documentAt(summaryId(shard), { accounts: {}, writtenAt: now });
    (summary.accounts as Record<string, unknown>)[key] = {
      r: account.points.slice(-RECENT_READINGS),
      f: usageProfile(points, now),
    };
    for (const pair of account.points) {
      const day = documentAt(dayId(chinaDay(pair[0]), shard), { day: chinaDay(pair[0]), p: {}, writtenAt: now });
      const byAccount = day.p as Record<string, Pair[]>;
      (byAccount[key] ??= []).push(pair);
    }
  }
  documents.set(LAYOUT_DOCUMENT_ID, { _id: LAYOUT_DOCUMENT_ID, version: LAYOUT_VERSION, legacyMigratedAt: now });
  return [...documents.values()];
}

/** Every reading the current layout holds for `account` (day records and the summary's latest), oldest first, once each. */
export function storedPairs(database: CloudDatabase, account: Account): Pair[] {
  const key = accountKey(account);
  const pairs: Pair[] = [];
  for (const document of database.documents(HISTORY_COLLECTION)) {
    const fromDay = (document.p as Record<string, Pair[]> | undefined)?.[key];
    const fromSummary = (document.accounts as Record<string, { r?: Pair[] }> | undefined)?.[key]?.r;
    pairs.push(...(fromDay ?? []), ...(fromSummary ?? []));
  }
  const unique = new Map(pairs.map((pair) => [`${pair[0]}:${pair[1]}`, pair]));
  return [...unique.values()].sort((a, b) => a[0] - b[0]);
}

/** The alert memory as stored in quota_alerts (its copy in quota_history is the same). */
export function memoryOf(database: { documents(collection: string): Array<Record<string, unknown>> }) {
  return database.documents(ALERT_COLLECTION).find((document) => document._id === MEMORY_DOCUMENT_ID) as
    | { accounts: Record<string, { quotaNum: number; alertedAt: number }>; owed: string[]; writtenAt: number }
    | undefined;
}

/** Moves every stored reading `ms` into the past, as if the runs that left them had run that much earlier. */
export function ageStoredReadings(database: CloudDatabase, ms: number): void {
  const shift = (pairs: Pair[]) => pairs.map(([at, quotaNum]): Pair => [at - ms, quotaNum]);
  for (const document of database.collections.get(HISTORY_COLLECTION)?.values() ?? []) {
    for (const entry of Object.values((document.accounts ?? {}) as Record<string, { r?: Pair[] }>))
      if (entry.r) entry.r = shift(entry.r);
    const byAccount = (document.p ?? {}) as Record<string, Pair[]>;
    for (const key of Object.keys(byAccount)) byAccount[key] = shift(byAccount[key] as Pair[]);
  }
}

/** `count` bound YTO accounts B0, B1, …, each with the balance `quotaOf(index)` gives. */
export function ytoAccounts(count: number, quotaOf: (index: number) => number): ModelStateInput {
  return {
    couriers: [{ deliveryId: 'YTO', deliveryName: '圆通速递', canGetQuota: true }],
    accounts: Array.from({ length: count }, (_, index) => ({
      deliveryId: 'YTO',
      bizId: `B${index}`,
      quotaNum: quotaOf(index),
    })),
  };
}

/** The state's accounts, each with the readings `pointsOf` gives: what historyDocuments and legacyHistoryDocument take. */
export function withReadings(state: ModelStateInput, pointsOf: (quotaNum: number) => Pair[]) {
  return state.accounts.map((account) => ({
    deliveryId: account.deliveryId,
    bizId: account.bizId,
    points: pointsOf(account.quotaNum ?? 0),
  }));
}
