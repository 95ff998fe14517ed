import * as z from 'zod';
import { cleanPoints, DAY_MS, HOUR_MS, type BalancePoint } from '../../core/forecast/balance-points';
import { CHINA_UTC_OFFSET_MS } from '../../core/forecast/china-calendar';
import { HISTORY_MAX_POINTS_PER_HOUR } from '../../core/forecast/thin-history';
import type { UsageProfile } from '../../core/forecast/forecast';

/**
 * Where the balance history lives in `quota_history`, and in what shape. Accounts are spread over
 * SHARD_COUNT shards by the first hex digit of their key (a hash: no document names a customer code):
 * - `summary-<shard>`: `{ accounts: { <key>: { r: [[at, quotaNum], …], f: UsageProfile } } }`, the
 *   latest few readings and the usage profile of each account of the shard: all a page of every
 *   account needs, a few hundred bytes an account, whatever the age of the history;
 * - `day-<yyyymmdd>-<shard>`: `{ day, p: { <key>: [[at, quotaNum], …] }, m: { <key>: … } }`, the
 *   readings of one China day (`m`: moved from a first-release document), read only for one account's
 *   trend or to recompute a usage profile;
 * - `layout`: `{ version, legacyMigratedAt }`, once no first-release document is left.
 * Readings are only ever appended (`_.push`), so writers never overwrite each other's readings, and a
 * run writes one document per shard, not one per account.
 */
/** How the history names itself in the log. */
export const HISTORY_STORE = 'balance history';
export const SHARD_COUNT = 16;
/** History writes in flight at once: all of a run's (a shard's summary and its day's record) in one round trip. */
export const HISTORY_WRITE_CONCURRENCY = 2 * SHARD_COUNT;
/** Readings kept in a summary: the latest balance, and enough of the last hour to cap what a day record takes. */
export const RECENT_READINGS = HISTORY_MAX_POINTS_PER_HOUR;
export const LAYOUT_DOCUMENT_ID = 'layout';
export const LAYOUT_VERSION = 2;
/** A clock slightly ahead in another instance is not a planted reading; an hour ahead is. */
export const CLOCK_SKEW_MS = HOUR_MS;

export type Shard = string;

export const shardOf = (key: string): Shard => key.charAt(0);
const SUMMARY_PREFIX = 'summary-';
export const summaryId = (shard: Shard): string => `${SUMMARY_PREFIX}${shard}`;
/** The shard a summary's id names. */
export const shardOfSummary = (id: string): Shard => id.slice(SUMMARY_PREFIX.length);
export const dayId = (day: number, shard: Shard): string => `day-${day}-${shard}`;
export const ALL_SHARDS: readonly Shard[] = Array.from({ length: SHARD_COUNT }, (_, index) => index.toString(16));

/** The China calendar day of `at` as a number, 20261207. */
export function chinaDay(at: number): number {
  const date = new Date(at + CHINA_UTC_OFFSET_MS);
  return date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

/** Every China day from the one holding `from` to the one holding `to`, oldest first. */
export function chinaDays(from: number, to: number): number[] {
  const days: number[] = [];
  for (let at = from; at < to + DAY_MS; at += DAY_MS) {
    const day = chinaDay(Math.min(at, to));
    if (days.at(-1) !== day) days.push(day);
  }
  return days;
}

const pointSchema = z.tuple([z.number(), z.number()]);
const profileSchema = z.object({
  computedAt: z.number(),
  firstAt: z.number().nullable(),
  perWeekday: z.array(z.number().min(0)).length(7).nullable(),
});
const summaryEntrySchema = z.object({ r: z.array(pointSchema).optional(), f: profileSchema.optional() });
const pointsSchema = z.array(pointSchema);

/** One account's summary as stored; undefined when it is malformed. */
export function readSummaryEntry(
  raw: unknown,
  now: number,
): { recent: BalancePoint[]; profile?: UsageProfile } | undefined {
  const parsed = summaryEntrySchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const recent = trustedPoints(parsed.data.r ?? [], now);
  const profile = parsed.data.f && parsed.data.f.computedAt <= now + CLOCK_SKEW_MS ? parsed.data.f : undefined;
  return { recent, ...(profile ? { profile } : {}) };
}

/** One account's readings in a day record; undefined when malformed. */
export function readDayPoints(raw: unknown, now: number): BalancePoint[] | undefined {
  const parsed = pointsSchema.safeParse(raw);
  return parsed.success ? trustedPoints(parsed.data, now) : undefined;
}

/** Stored points the history can trust, oldest first, one per instant: counts of waybills, none from the future (beyond clock skew). */
export function trustedPoints(pairs: ReadonlyArray<readonly [number, number]>, now: number): BalancePoint[] {
  // A write retried after its answer was lost may have appended a reading twice: counted once.
  return cleanPoints(pairs.map(([at, quotaNum]) => ({ at, quotaNum }))).filter(
    (point) => point.at <= now + CLOCK_SKEW_MS,
  );
}

/** A reading as stored: `[at, quotaNum]`. */
export type Pair = [number, number];

export const toPair = (point: BalancePoint): Pair => [point.at, point.quotaNum];
