import { accountKey } from '../../src/core/accounts/account-key';
import type { CloudDatabase } from '../../emulator/cloud-database';
import { MEMORY_DOCUMENT_ID } from '../../src/function/alerts/memory';
import { ALERT_COLLECTION, HISTORY_COLLECTION } from '../../src/contract/values';
import { type Pair, fallingPairs } from '../../emulator/stored-history';

import { HOUR } from './balance-series';

export {
  fallingPairs,
  historyDocuments,
  legacyHistoryDocument,
  withReadings,
  ytoAccounts,
} from '../../emulator/stored-history';

export { DAY, HOUR } from './balance-series';

type Account = { deliveryId: string; bizId: string };

/** Hourly readings, `hours` of them, the last at `end`, falling `perHour` waybills an hour down to `lastQuota`. */
export function hourlyPairs(hours: number, lastQuota: number, perHour: number, end = Date.now()): Pair[] {
  return fallingPairs(hours, HOUR, lastQuota, perHour, end);
}

/** `count` readings `stepMs` apart, the last at `end`, all at `quotaNum`. */
export function steadyPairs(count: number, stepMs: number, quotaNum: number, end = Date.now()): Pair[] {
  return fallingPairs(count, stepMs, quotaNum, 0, end);
}

/** Every reading the current layout holds for `account` (day records, appended or moved, and the summary's latest), oldest first, once each. */
export function storedPairs(database: CloudDatabase, account: Account): Pair[] {
  const key = accountKey(account);
  const pairs: Pair[] = [];
  for (const document of database.documents(HISTORY_COLLECTION)) {
    const fromDay = [document.p, document.m].flatMap(
      (field) => (field as Record<string, Pair[]> | undefined)?.[key] ?? [],
    );
    const fromSummary = (document.accounts as Record<string, { r?: Pair[] }> | undefined)?.[key]?.r;
    pairs.push(...fromDay, ...(fromSummary ?? []));
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
    for (const field of [document.p, document.m]) {
      const byAccount = (field ?? {}) as Record<string, Pair[]>;
      for (const key of Object.keys(byAccount)) byAccount[key] = shift(byAccount[key] as Pair[]);
    }
  }
}
