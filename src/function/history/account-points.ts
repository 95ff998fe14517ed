import { accountKey, legacyAccountKey } from '../../core/accounts/account-key';
import { cleanPoints, type BalancePoint } from '../../core/forecast/balance-points';
import type { Logger } from '../../core/logger';
import { thinHistory } from '../../core/forecast/thin-history';
import type { AccountRef } from '../balance-history';
import { MAX_DOCUMENTS_PER_QUERY, type CollectionAccess } from '../database';
import { ownDocuments } from '../own-documents';
import {
  HISTORY_STORE,
  chinaDays,
  dayId,
  readDayPoints,
  readSummaryEntry,
  shardOf,
  summaryId,
  trustedPoints,
} from './layout';

/**
 * The readings of the given accounts of ONE shard since `sinceMs`, by accountKey, oldest first, thinned
 * like the history: their day records (only their fields of them), their summaries' latest readings,
 * and a first-release document not moved yet. One query, however many days.
 */
export async function readShardPoints(
  access: CollectionAccess,
  accounts: readonly AccountRef[],
  sinceMs: number,
  now: number,
  log: Logger,
): Promise<Map<string, BalancePoint[]>> {
  const keys = accounts.map(accountKey);
  const shard = shardOf(keys[0] ?? '0');
  const legacyIds = new Map(accounts.map((account) => [legacyAccountKey(account), accountKey(account)]));
  const ids = [...chinaDays(sinceMs, now).map((day) => dayId(day, shard)), summaryId(shard), ...legacyIds.keys()];
  const projection: Record<string, boolean> = { _openid: true, day: true, points: true };
  for (const key of keys)
    Object.assign(projection, { [`p.${key}`]: true, [`m.${key}`]: true, [`accounts.${key}`]: true });
  const answer = await access.read(
    (collection) =>
      collection
        .where({ _id: access.command.in(ids) })
        .field(projection)
        .limit(MAX_DOCUMENTS_PER_QUERY)
        .get(),
    { data: [] },
  );
  const found = new Map<string, BalancePoint[]>(keys.map((key) => [key, []]));
  const take = (key: string, points: readonly BalancePoint[] | undefined) => found.get(key)?.push(...(points ?? []));
  for (const document of ownDocuments(answer.data, log, HISTORY_STORE)) {
    const legacyOf = typeof document._id === 'string' ? legacyIds.get(document._id) : undefined;
    if (legacyOf !== undefined) {
      const pairs = Array.isArray(document.points) ? (document.points as Array<[number, number]>) : [];
      take(
        legacyOf,
        trustedPoints(
          pairs.filter((pair) => Array.isArray(pair) && pair.length === 2),
          now,
        ),
      );
      continue;
    }
    // A database that ignores a dotted projection sends whole documents: only these accounts' fields are read.
    const isDay = 'day' in document;
    for (const key of keys) {
      if (!isDay) {
        take(key, readSummaryEntry((document.accounts as Record<string, unknown> | undefined)?.[key], now)?.recent);
        continue;
      }
      // `p`: readings appended as they came; `m`: readings moved from a first-release document.
      for (const field of [document.p, document.m]) {
        const raw = (field as Record<string, unknown> | undefined)?.[key];
        if (raw !== undefined) take(key, readDayPoints(raw, now));
      }
    }
  }
  return new Map(
    [...found].map(([key, points]) => [
      key,
      thinHistory(cleanPoints(points), now).keep.filter((point) => point.at >= sinceMs),
    ]),
  );
}
