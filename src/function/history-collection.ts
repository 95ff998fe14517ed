import * as z from 'zod';
import { HOUR_MS, isValidPoint, type BalancePoint } from '../core/balance-points';
import type { Clock } from '../core/clock';
import { once } from '../core/memo';
import type { Logger } from '../core/logger';
import { thinHistory } from '../core/thin-history';
import { MIN_USEFUL_CALL_MS } from '../core/budget';
import { ErrorCode, QuotaError } from '../core/errors';
import { NotStartedError } from '../core/run-budget';
import {
  historyKey,
  type AccountRef,
  type BalanceHistory,
  type StoredHistory,
  type StoredRevision,
} from './balance-history';
import { isDuplicateId, MAX_DOCUMENTS_PER_QUERY, type CollectionAccess } from './database';

export const HISTORY_COLLECTION = 'quota_history';
/** Documents per read: an account's document holds up to 35 days of readings (tens of kilobytes), so reads stay small. */
const DOCUMENTS_PER_READ = 100;
/** Documents written at once. */
const WRITE_CONCURRENCY = 8;
/** Writes of one account over other invocations' before its reading is given up (each after re-reading it). */
const WRITE_ATTEMPTS = 3;
/** A clock slightly ahead in another instance is not a planted reading; an hour ahead is. */
const CLOCK_SKEW_MS = HOUR_MS;

/**
 * One document per account: `{ _id: historyKey, deliveryId, bizId, points: [[at, quotaNum], …], latest: [at, quotaNum], rev }`,
 * points oldest first, thinned on every write; `latest` repeats the last point, so that planning a run
 * reads a few bytes per account instead of its whole history. Written only over the revision read
 * (compare-and-set), so two invocations recording the same account at once both keep their readings.
 * Read by `_id` only, so documents planted by mini-program users (they carry `_openid`) or malformed
 * ones are ignored and logged, never read as history.
 */
// Built on first use: the function's entry creates the history for every instance, but a single-account query never reads it.
const pointSchema = once(() => z.tuple([z.number(), z.number()]));
/** `rev` counts the writes: a write applies only over the revision it read (documents of earlier versions have none). */
const documentSchema = once(() =>
  z.object({ _id: z.string(), points: z.array(pointSchema()), rev: z.number().int().min(1).optional() }),
);
const latestSchema = once(() => z.object({ _id: z.string(), latest: pointSchema() }));

export function createDatabaseHistory(
  access: CollectionAccess,
  clock: Pick<Clock, 'now'>,
  log: Logger,
): BalanceHistory {
  /** The documents of `accounts` that are ours and fit `schema`, and the ids of the others (logged). */
  async function readDocuments<S extends z.ZodType<{ _id: string }>>(
    accounts: readonly AccountRef[],
    schema: S,
    projection?: Record<string, boolean>,
  ): Promise<{ found: Array<z.output<S>>; foreign: Set<string> }> {
    const ids = [...new Set(accounts.map(historyKey))];
    const pages = await Promise.all(
      chunks(ids, DOCUMENTS_PER_READ).map(async (page) => {
        const answer = await access.read(
          (collection) => {
            const query = collection.where({ _id: access.command.in(page) }).limit(MAX_DOCUMENTS_PER_QUERY);
            return (projection ? query.field(projection) : query).get();
          },
          { data: [] },
        );
        return Array.isArray(answer.data) ? (answer.data as unknown[]) : [];
      }),
    );
    const found: Array<z.output<S>> = [];
    const foreign = new Set<string>();
    for (const document of pages.flat()) {
      const fields = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
      const parsed = schema.safeParse(fields);
      if (parsed.success && !('_openid' in fields)) {
        found.push(parsed.data);
        continue;
      }
      if (typeof fields._id === 'string') foreign.add(fields._id);
      log.warn('balance history: ignored a document that cannot be ours', {
        id: typeof fields._id === 'string' ? fields._id.slice(0, 80) : undefined,
        fix: `set ${HISTORY_COLLECTION}'s permission to 仅管理端可读写 (cloud console → 数据库 → 权限设置)`,
      });
    }
    return { found, foreign };
  }

  /** A stored point the history can trust: a count of waybills, not from the future (beyond clock skew). */
  const trusted = ([at, quotaNum]: [number, number]): BalancePoint | undefined => {
    const point = { at, quotaNum };
    return isValidPoint(point) && at <= clock.now() + CLOCK_SKEW_MS ? point : undefined;
  };

  async function load(accounts: readonly AccountRef[]): Promise<StoredHistory> {
    const { found, foreign } = await readDocuments(accounts, documentSchema());
    const revisions = new Map<string, StoredRevision>(
      accounts.map((account) => [historyKey(account), foreign.has(historyKey(account)) ? 'foreign' : 'absent']),
    );
    const points = new Map<string, BalancePoint[]>();
    for (const document of found) {
      revisions.set(document._id, document.rev ?? 0);
      const kept = thinned(
        document.points.flatMap((point) => trusted(point) ?? []),
        clock.now(),
      );
      if (kept.length > 0) points.set(document._id, kept);
    }
    return { points, revisions };
  }

  /** Writes `points` as the account's history if it is still at `revision`; false when another invocation wrote first. */
  async function writeOver(
    account: AccountRef,
    points: readonly BalancePoint[],
    revision: StoredRevision,
  ): Promise<boolean> {
    const key = historyKey(account);
    const pairs = points.map((point) => [point.at, point.quotaNum]);
    const fields = {
      deliveryId: account.deliveryId,
      bizId: account.bizId,
      points: pairs,
      latest: pairs[pairs.length - 1],
    };
    if (revision === 'foreign') {
      // Not ours to compare against: replaced whole, as every write did before revisions.
      await access.run((collection) => collection.doc(key).set({ data: { ...fields, rev: 1 } }));
      return true;
    }
    if (revision === 'absent') {
      try {
        await access.run((collection) => collection.add({ data: { _id: key, ...fields, rev: 1 } }));
        return true;
      } catch (error) {
        if (isDuplicateId(error)) return false;
        throw error;
      }
    }
    const _ = access.command;
    const current = { _id: key, rev: revision === 0 ? _.exists(false) : revision };
    const answer = await access.run((collection) =>
      collection.where(current).update({ data: { ...fields, rev: revision + 1 } }),
    );
    return (answer.stats?.updated ?? 0) > 0;
  }

  /** Adds `added` to the account's history, over whatever another invocation wrote meanwhile: re-read and retried, a few times. */
  async function recordAccount(
    account: AccountRef,
    added: readonly BalancePoint[],
    stored: StoredHistory,
    mayStart: () => boolean,
  ): Promise<void> {
    const key = historyKey(account);
    let base = stored;
    for (let attempt = 1; ; attempt += 1) {
      const points = thinned([...(base.points.get(key) ?? []), ...added], clock.now());
      if (points.length === 0) return;
      if (!mayStart()) throw new NotStartedError(`Writing ${HISTORY_COLLECTION}`);
      if (await writeOver(account, points, base.revisions.get(key) ?? 'absent')) return;
      if (attempt === WRITE_ATTEMPTS)
        throw new QuotaError(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          `Other invocations changed ${HISTORY_COLLECTION} ${key} ${WRITE_ATTEMPTS} times while this one wrote it; its reading was not kept.`,
        );
      if (!mayStart()) throw new NotStartedError(`Reading ${HISTORY_COLLECTION} again`);
      base = await load([account]);
    }
  }

  return {
    async record(readings, options = {}) {
      if (readings.length === 0) return;
      const mayStart = () => options.deadline === undefined || clock.now() + MIN_USEFUL_CALL_MS <= options.deadline;
      const byAccount = new Map<string, { account: AccountRef; added: BalancePoint[] }>();
      for (const reading of readings) {
        const key = historyKey(reading);
        const entry = byAccount.get(key) ?? { account: reading, added: [] };
        entry.added.push({ at: reading.at, quotaNum: reading.quotaNum });
        byAccount.set(key, entry);
      }
      const entries = [...byAccount.values()];
      // Only what this invocation has not read yet is read now.
      const unread = entries
        .filter(({ account }) => !options.stored?.revisions.has(historyKey(account)))
        .map(({ account }) => account);
      const stored = unread.length === 0 && options.stored ? options.stored : merge(options.stored, await load(unread));
      for (let start = 0; start < entries.length; start += WRITE_CONCURRENCY) {
        await Promise.all(
          entries
            .slice(start, start + WRITE_CONCURRENCY)
            .map(({ account, added }) => recordAccount(account, added, stored, mayStart)),
        );
      }
    },
    load,
    async read(accounts, sinceMs) {
      const { points } = await load(accounts);
      return new Map(
        [...points]
          .map(([key, kept]) => [key, kept.filter((point) => point.at >= sinceMs)] as const)
          .filter(([, kept]) => kept.length > 0),
      );
    },
    async latest(accounts) {
      const { found } = await readDocuments(accounts, latestSchema(), { latest: true });
      return new Map(
        found.flatMap((document) => {
          const point = trusted(document.latest);
          return point ? [[document._id, point] as const] : [];
        }),
      );
    },
  };
}

function merge(first: StoredHistory | undefined, second: StoredHistory): StoredHistory {
  if (!first) return second;
  return {
    points: new Map([...first.points, ...second.points]),
    revisions: new Map([...first.revisions, ...second.revisions]),
  };
}

/** What the history keeps of `points`, oldest first. */
function thinned(points: readonly BalancePoint[], now: number): BalancePoint[] {
  return thinHistory(points, now).keep.sort((a, b) => a.at - b.at);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );
}
