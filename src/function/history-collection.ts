import * as z from 'zod';
import { HOUR_MS, isValidPoint, type BalancePoint } from '../core/balance-points';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { thinHistory } from '../core/thin-history';
import { historyKey, type AccountRef, type BalanceHistory } from './balance-history';
import { MAX_DOCUMENTS_PER_QUERY, type CollectionAccess } from './database';

export const HISTORY_COLLECTION = 'quota_history';
/** Documents per read: an account's document holds up to 35 days of readings (tens of kilobytes), so reads stay small. */
const DOCUMENTS_PER_READ = 100;
/** Documents written at once. */
const WRITE_CONCURRENCY = 8;
/** A clock slightly ahead in another instance is not a planted reading; an hour ahead is. */
const CLOCK_SKEW_MS = HOUR_MS;

/**
 * One document per account: `{ _id: historyKey, deliveryId, bizId, points: [[at, quotaNum], …], latest: [at, quotaNum] }`,
 * points oldest first, thinned on every write; `latest` repeats the last point, so that planning a run
 * reads a few bytes per account instead of its whole history. Read by `_id` only, so documents planted
 * by mini-program users (they carry `_openid`) or malformed ones are ignored and logged, never read as history.
 */
const pointSchema = z.tuple([z.number(), z.number()]);
const documentSchema = z.object({ _id: z.string(), points: z.array(pointSchema) });
const latestSchema = z.object({ _id: z.string(), latest: pointSchema });

export function createDatabaseHistory(access: CollectionAccess, clock: Pick<Clock, 'now'>, log: Logger): BalanceHistory {
  /** The documents of `accounts` that are ours and fit `schema`; the rest are logged. */
  async function readDocuments<S extends z.ZodType<{ _id: string }>>(accounts: readonly AccountRef[], schema: S, projection?: Record<string, boolean>): Promise<Array<z.output<S>>> {
    const ids = [...new Set(accounts.map(historyKey))];
    const pages = await Promise.all(
      chunks(ids, DOCUMENTS_PER_READ).map(async (page) => {
        const answer = await access.read((collection) => {
          const query = collection.where({ _id: access.command.in(page) }).limit(MAX_DOCUMENTS_PER_QUERY);
          return (projection ? query.field(projection) : query).get();
        }, { data: [] });
        return Array.isArray(answer.data) ? (answer.data as unknown[]) : [];
      }),
    );
    const found: Array<z.output<S>> = [];
    for (const document of pages.flat()) {
      const fields = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
      const parsed = schema.safeParse(fields);
      if (parsed.success && !('_openid' in fields)) {
        found.push(parsed.data);
        continue;
      }
      log.warn('balance history: ignored a document that cannot be ours', {
        id: typeof fields._id === 'string' ? fields._id.slice(0, 80) : undefined,
        fix: `set ${HISTORY_COLLECTION}'s permission to 仅管理端可读写 (cloud console → 数据库 → 权限设置)`,
      });
    }
    return found;
  }

  /** A stored point the history can trust: a count of waybills, not from the future (beyond clock skew). */
  const trusted = ([at, quotaNum]: [number, number]): BalancePoint | undefined => {
    const point = { at, quotaNum };
    return isValidPoint(point) && at <= clock.now() + CLOCK_SKEW_MS ? point : undefined;
  };

  async function readPoints(accounts: readonly AccountRef[]): Promise<Map<string, BalancePoint[]>> {
    const documents = await readDocuments(accounts, documentSchema);
    return new Map(documents.map((document) => [document._id, thinned(document.points.flatMap((point) => trusted(point) ?? []), clock.now())]));
  }

  async function write(account: AccountRef, points: readonly BalancePoint[]): Promise<void> {
    const pairs = points.map((point) => [point.at, point.quotaNum]);
    const data = { deliveryId: account.deliveryId, bizId: account.bizId, points: pairs, latest: pairs[pairs.length - 1] };
    await access.run((collection) => collection.doc(historyKey(account)).set({ data }));
  }

  return {
    async record(readings) {
      if (readings.length === 0) return;
      const stored = await readPoints(readings);
      const byAccount = new Map<string, { account: AccountRef; points: BalancePoint[] }>();
      for (const reading of readings) {
        const key = historyKey(reading);
        const entry = byAccount.get(key) ?? { account: reading, points: [...(stored.get(key) ?? [])] };
        entry.points.push({ at: reading.at, quotaNum: reading.quotaNum });
        byAccount.set(key, entry);
      }
      const entries = [...byAccount.values()].map(({ account, points }) => ({ account, points: thinned(points, clock.now()) })).filter(({ points }) => points.length > 0);
      for (let start = 0; start < entries.length; start += WRITE_CONCURRENCY) {
        await Promise.all(entries.slice(start, start + WRITE_CONCURRENCY).map(({ account, points }) => write(account, points)));
      }
    },
    async read(accounts, sinceMs) {
      const found = await readPoints(accounts);
      return new Map([...found].map(([key, points]) => [key, points.filter((point) => point.at >= sinceMs)] as const).filter(([, points]) => points.length > 0));
    },
    async latest(accounts) {
      const documents = await readDocuments(accounts, latestSchema, { latest: true });
      return new Map(documents.flatMap((document) => {
        const point = trusted(document.latest);
        return point ? [[document._id, point] as const] : [];
      }));
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
