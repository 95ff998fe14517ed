import { logFailure } from '../../core/log-failure';
import { DAY_MS, HOUR_MS } from '../../core/forecast/balance-points';
import { mapWithConcurrency } from '../../core/concurrency';
import {
  FORECAST_MIN_HISTORY_HOURS,
  FORECAST_WINDOW_DAYS,
  usageProfile,
  type UsageProfile,
} from '../../core/forecast/forecast';
import type { Logger } from '../../core/logger';
import type { AccountRef, AccountSummary, HistorySnapshot, MaintenanceOptions } from '../balance-history';
import type { CollectionAccess } from '../database';
import { readShardPoints } from './account-points';
import { HISTORY_WRITE_CONCURRENCY, shardOf, summaryId } from './layout';
import { upsert } from './upsert';

/**
 * How old a usage profile may grow. Between recomputations the forecast still follows every new
 * balance (it walks the latest balance through the profile); only the learnt rates wait, and the
 * current level they rest on is a median of three days, which six hours barely move.
 */
export const PROFILE_REFRESH_MS = 6 * HOUR_MS;

/** Whether an account's profile should be recomputed from its whole history. */
export function profileDue(summary: AccountSummary, now: number, firstOnly = false): boolean {
  const latest = summary.recent.at(-1);
  if (latest === undefined) return false;
  const { profile } = summary;
  if (profile === undefined || profile.firstAt === null) return true;
  if (!firstOnly && now - profile.computedAt >= PROFILE_REFRESH_MS) return true;
  // A day of history has gathered since it was computed: the first forecast need not wait six hours.
  return profile.perWeekday === null && latest.at - profile.firstAt >= FORECAST_MIN_HISTORY_HOURS * HOUR_MS;
}

/**
 * Recomputes the stalest due profiles (at most `options.profiles`) of the snapshot's accounts from their day records, one
 * read and one write per shard, and stores them in the summaries. What fails is logged and left for
 * next time: a profile is derived from the readings, which are never at risk here.
 */
export async function refreshProfiles(
  access: CollectionAccess,
  snapshot: HistorySnapshot,
  options: MaintenanceOptions,
  now: number,
  log: Logger,
): Promise<Map<string, UsageProfile>> {
  const due = [...snapshot.summaries]
    .filter(([key, summary]) => snapshot.accounts.has(key) && profileDue(summary, now, options.firstOnly))
    .sort(([, a], [, b]) => (a.profile?.computedAt ?? -Infinity) - (b.profile?.computedAt ?? -Infinity))
    .slice(0, options.profiles)
    .map(([key]) => key);
  const byShard = new Map<string, string[]>();
  for (const key of due) byShard.set(shardOf(key), [...(byShard.get(shardOf(key)) ?? []), key]);
  const refreshed = new Map<string, UsageProfile>();
  await mapWithConcurrency([...byShard], HISTORY_WRITE_CONCURRENCY, async ([shard, keys]) => {
    try {
      const since = now - FORECAST_WINDOW_DAYS * DAY_MS;
      const points = await readShardPoints(
        access,
        keys.map((key) => snapshot.accounts.get(key) as AccountRef),
        since,
        now,
        log,
      );
      const profiles = new Map(keys.map((key) => [key, usageProfile(points.get(key) ?? [], now)]));
      const _ = access.command;
      await upsert(
        access,
        {
          id: summaryId(shard),
          update: {
            ...Object.fromEntries(keys.map((key) => [`accounts.${key}.f`, _.set(profiles.get(key))])),
            writtenAt: now,
          },
          created: { accounts: Object.fromEntries(keys.map((key) => [key, { f: profiles.get(key) }])), writtenAt: now },
          expect: 'present',
        },
        log,
      );
      for (const [key, profile] of profiles) refreshed.set(key, profile);
    } catch (raw) {
      logFailure(log, 'info', 'balance history: usage profiles not recomputed; next time', raw, { shard });
    }
  });
  return refreshed;
}
