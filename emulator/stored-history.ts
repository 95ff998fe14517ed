import { accountKey, legacyAccountKey } from '../src/core/accounts/account-key';
import { HOUR_MS, type BalancePoint } from '../src/core/forecast/balance-points';
import { usageProfile } from '../src/core/forecast/forecast';
import {
  chinaDay,
  dayId,
  LAYOUT_DOCUMENT_ID,
  LAYOUT_VERSION,
  RECENT_READINGS,
  shardOf,
  summaryId,
  type Pair,
} from '../src/function/history/layout';
import type { HistoryState, ModelState, ModelStateInput } from './state';

/**
 * Balance history as the function stores it, for planting in the emulator's database: the current
 * layout and the first release's, with readings made to order (tests, benchmarks, your own scenario).
 */
type Account = { deliveryId: string; bizId: string };
export type { Pair } from '../src/function/history/layout';

/** `count` readings `stepMs` apart, the last at `end` at `lastQuota`, each `drop` lower than the one before. */
export function fallingPairs(count: number, stepMs: number, lastQuota: number, drop: number, end = Date.now()): Pair[] {
  return Array.from({ length: count }, (_, index) => [
    end - (count - 1 - index) * stepMs,
    lastQuota + (count - 1 - index) * drop,
  ]);
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

/**
 * The documents a state file's `history` stands for: hourly readings for each entry's days, the latest
 * half an hour before `now`, falling its daily usage a day to the account's balance.
 */
export function stateHistoryDocuments(state: ModelState, now = Date.now()) {
  const balances = new Map(
    state.accounts.map((account) => [JSON.stringify([account.deliveryId, account.bizId]), account.quotaNum]),
  );
  return historyDocuments(
    state.history.map((entry: HistoryState) => {
      const quotaNum = balances.get(JSON.stringify([entry.deliveryId, entry.bizId])) ?? 0;
      const hours = entry.days * 24;
      const points = fallingPairs(hours, HOUR_MS, quotaNum, entry.dailyUsage / 24, now - HOUR_MS / 2).map(
        ([at, balance]): Pair => [at, Math.round(balance)],
      );
      return { deliveryId: entry.deliveryId, bizId: entry.bizId, points };
    }),
    now,
  );
}
