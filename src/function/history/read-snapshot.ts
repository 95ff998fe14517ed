import { accountKey } from '../../core/accounts/account-key';
import type { BalancePoint } from '../../core/forecast/balance-points';
import type { Logger } from '../../core/logger';
import type { AccountRef, AccountSummary, HistorySnapshot } from '../balance-history';
import { MAX_DOCUMENTS_PER_QUERY, type CollectionAccess } from '../database';
import { documentsOf, FOREIGN, idOf, isForeign, logIgnored } from '../own-documents';
import { readLegacy } from './legacy-history';
import {
  HISTORY_STORE,
  LAYOUT_DOCUMENT_ID,
  LAYOUT_VERSION,
  readSummaryEntry,
  RECENT_READINGS,
  shardOf,
  shardOfSummary,
  summaryId,
} from './layout';

/**
 * The summaries of the listed accounts: one read of at most SHARD_COUNT small documents (and, until
 * every first-release document is moved, a read of those). A summary that cannot be ours is skipped
 * and logged, never read as history.
 */
export async function readSnapshot(
  access: CollectionAccess,
  accounts: readonly AccountRef[],
  now: number,
  log: Logger,
): Promise<HistorySnapshot> {
  const byKey = new Map(accounts.map((account) => [accountKey(account), account]));
  const keys = new Set(byKey.keys());
  const shardIds = [...new Set([...keys].map((key) => summaryId(shardOf(key))))];
  const answer = await access.read(
    (collection) =>
      collection
        .where({ _id: access.command.in([...shardIds, LAYOUT_DOCUMENT_ID]) })
        .limit(MAX_DOCUMENTS_PER_QUERY)
        .get(),
    { data: [] },
  );
  const summaries = new Map<string, AccountSummary>();
  const shards = new Map<string, 'ours' | 'foreign'>();
  let layoutMarked = false;
  for (const document of documentsOf(answer.data)) {
    const foreign = isForeign(document);
    if (document._id === LAYOUT_DOCUMENT_ID) {
      layoutMarked = !foreign && document.version === LAYOUT_VERSION;
      continue;
    }
    const shard = typeof document._id === 'string' ? shardOfSummary(document._id) : '';
    const entries = document.accounts;
    if (foreign || typeof entries !== 'object' || entries === null) {
      shards.set(shard, 'foreign');
      logIgnored(log, HISTORY_STORE, document, foreign ? FOREIGN : 'not a summary');
      continue;
    }
    shards.set(shard, 'ours');
    let malformed = 0;
    for (const [key, raw] of Object.entries(entries as Record<string, unknown>)) {
      if (!keys.has(key)) continue;
      const entry = readSummaryEntry(raw, now);
      if (entry === undefined) malformed += 1;
      else if (entry.recent.length > 0 || entry.profile) summaries.set(key, entry);
    }
    if (malformed > 0)
      log.warn('balance history: skipped malformed account summaries', { id: idOf(document), malformed });
  }
  if (layoutMarked)
    return { read: true, accounts: byKey, summaries, shards, migrating: [], legacyLeft: false, markLayout: false };

  const legacy = await readLegacy(access, now, log);
  const inCurrentLayout = new Set(summaries.keys());
  for (const [key, point] of legacy.latest) if (keys.has(key)) withReadings(summaries, key, [point]);
  const migrating = legacy.migrating.map((moving) => {
    const key = accountKey(moving.account);
    withReadings(summaries, key, moving.points.slice(-RECENT_READINGS));
    summaries.set(key, { ...(summaries.get(key) as AccountSummary), profile: moving.profile });
    return { ...moving, hasSummary: inCurrentLayout.has(key) };
  });
  return {
    read: true,
    accounts: byKey,
    summaries,
    shards,
    migrating,
    legacyLeft: legacy.left,
    markLayout: !legacy.left,
  };
}

/** Adds readings to an account's summary, keeping the latest few, oldest first. */
function withReadings(summaries: Map<string, AccountSummary>, key: string, points: readonly BalancePoint[]): void {
  const summary = summaries.get(key);
  const recent = [...(summary?.recent ?? []), ...points]
    .sort((a, b) => a.at - b.at)
    .filter((point, index, all) => index === 0 || (all[index - 1] as BalancePoint).at !== point.at)
    .slice(-RECENT_READINGS);
  summaries.set(key, { ...summary, recent });
}
