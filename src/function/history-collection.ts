import * as z from 'zod';
import { HOUR_MS, type BalancePoint } from '../core/balance-points';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { thinHistory } from '../core/thin-history';
import { historyKey, type AccountRef, type BalanceHistory, type BalanceReading } from './balance-history';
import { MAX_DOCUMENTS_PER_QUERY, type CollectionAccess } from './database';

export const HISTORY_COLLECTION = 'quota_history';
/** Documents per read: an account's document holds up to 35 days of readings (tens of kilobytes), so reads stay small. */
const DOCUMENTS_PER_READ = 100;
/** Documents written at once. */
const WRITE_CONCURRENCY = 8;
/** A clock slightly ahead in another instance is not a planted reading; an hour ahead is. */
const CLOCK_SKEW_MS = HOUR_MS;

/**
 * One document per account: `{ _id: historyKey, deliveryId, bizId, points: [[at, quotaNum], …] }`,
 * oldest first, thinned on every write. Read by `_id` only, so documents planted by mini-program users
 * (they carry `_openid`) or malformed ones are ignored and logged, never read as history.
 */
const documentSchema = z.object({
  _id: z.string(),
  points: z.array(z.tuple([z.number(), z.number()])),
});

export function createDatabaseHistory(access: CollectionAccess, clock: Pick<Clock, 'now'>, log: Logger): BalanceHistory {

  async function readDocuments(accounts: readonly AccountRef[]): Promise<Map<string, BalancePoint[]>> {
    const ids = [...new Set(accounts.map(historyKey))];
    const pages = await Promise.all(chunks(ids, DOCUMENTS_PER_READ).map((page) => readPage(page)));
    const found = new Map<string, BalancePoint[]>();
    const latestAllowed = clock.now() + CLOCK_SKEW_MS;
    for (const document of pages.flat()) {
      const fields = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
      const parsed = documentSchema.safeParse(fields);
      if (!parsed.success || '_openid' in fields) {
        log.warn('balance history: ignored a document that cannot be ours', {
          id: typeof fields._id === 'string' ? fields._id.slice(0, 80) : undefined,
          fix: `set ${HISTORY_COLLECTION}'s permission to 仅管理端可读写 (cloud console → 数据库 → 权限设置)`,
        });
        continue;
      }
      const points = parsed.data.points.map(([at, quotaNum]) => ({ at, quotaNum })).filter((point) => point.at <= latestAllowed);
      found.set(parsed.data._id, thinned(points, clock.now()));
    }
    return found;
  }

  async function readPage(ids: readonly string[]): Promise<unknown[]> {
    const answer = await access.read((collection) => collection.where({ _id: access.command.in(ids) }).limit(MAX_DOCUMENTS_PER_QUERY).get(), { data: [] });
    return Array.isArray(answer.data) ? answer.data : [];
  }

  async function write(account: AccountRef, points: readonly BalancePoint[]): Promise<void> {
    const data = { deliveryId: account.deliveryId, bizId: account.bizId, points: points.map((point) => [point.at, point.quotaNum]) };
    await access.run((collection) => collection.doc(historyKey(account)).set({ data }));
  }

  return {
    async record(readings) {
      if (readings.length === 0) return;
      const stored = await readDocuments(readings);
      const byAccount = new Map<string, { account: AccountRef; points: BalancePoint[] }>();
      for (const reading of readings) {
        const key = historyKey(reading);
        const entry = byAccount.get(key) ?? { account: reading, points: [...(stored.get(key) ?? [])] };
        entry.points.push({ at: reading.at, quotaNum: reading.quotaNum });
        byAccount.set(key, entry);
      }
      const entries = [...byAccount.values()];
      for (let start = 0; start < entries.length; start += WRITE_CONCURRENCY) {
        await Promise.all(entries.slice(start, start + WRITE_CONCURRENCY).map(({ account, points }) => write(account, thinned(points, clock.now()))));
      }
    },
    async read(accounts, sinceMs) {
      const found = await readDocuments(accounts);
      return new Map([...found].map(([key, points]) => [key, points.filter((point) => point.at >= sinceMs)] as const).filter(([, points]) => points.length > 0));
    },
    async latest(accounts) {
      const found = await readDocuments(accounts);
      return new Map([...found].flatMap(([key, points]) => (points.length > 0 ? [[key, points[points.length - 1] as BalancePoint] as const] : [])));
    },
  };
}

/** What the history keeps of `points`, oldest first. */
function thinned(points: readonly BalancePoint[], now: number): BalancePoint[] {
  return thinHistory(points, now).keep.sort((a, b) => a.at - b.at);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}
