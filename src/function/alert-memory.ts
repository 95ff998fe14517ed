import * as z from 'zod';
import type { AlertRecord } from '../core/alert-policy';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { MAX_DOCUMENTS_PER_QUERY, type CollectionAccess } from './database';

/** What the alert runs remember: per account, the last alert; and the admins still owed one. */
export interface AlertMemorySnapshot {
  records: Map<string, AlertRecord>;
  /** Admins whose message a run had to defer: the next run sends them the current low balances. */
  owed: string[];
}

/** Where the last alert of each account is remembered between timer runs. Failures are thrown. */
export interface AlertMemory {
  /** The records of these accounts only; documents that cannot be ours are ignored and logged. */
  load(keys: readonly string[]): Promise<AlertMemorySnapshot>;
  save(key: string, record: AlertRecord): Promise<void>;
  forget(key: string): Promise<void>;
  /** Replaces the list of admins still owed a message; an empty list removes it. */
  setOwed(admins: readonly string[]): Promise<void>;
}

export function alertKey(deliveryId: string, bizId: string): string {
  return `${deliveryId}:${encodeURIComponent(bizId)}`;
}

export const ALERT_COLLECTION = 'quota_alerts';
/** Not an account key (those always contain a colon), so it cannot collide with one. */
export const OWED_DOCUMENT_ID = 'owed-admins';
/** A clock slightly ahead in another instance is not a planted record; a month ahead is. */
const CLOCK_SKEW_MS = 5 * 60_000;

const recordSchema = z.object({
  _id: z.string(),
  quotaNum: z.number().int().min(0),
  alertedAt: z.number().int().min(0),
});
const owedSchema = z.object({ _id: z.literal(OWED_DOCUMENT_ID), admins: z.array(z.string()) });

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );
}

/**
 * The memory as a tiny cloud database collection, one document per alerted account, read by `_id` so
 * that nothing else in the collection (junk, documents planted by users) can push real records out.
 */
export function createDatabaseAlertMemory(
  access: CollectionAccess,
  clock: Pick<Clock, 'now'>,
  log: Logger,
): AlertMemory {
  const ignore = (id: unknown, why: string) =>
    log.warn('alert memory: ignored a document that cannot be ours', {
      id: typeof id === 'string' ? id.slice(0, 80) : undefined,
      why,
      fix: `set ${ALERT_COLLECTION}'s permission to 仅管理端可读写 (cloud console → 数据库 → 权限设置)`,
    });
  return {
    async load(keys) {
      const ids = [...new Set(keys), OWED_DOCUMENT_ID];
      const pages = await Promise.all(
        chunks(ids, MAX_DOCUMENTS_PER_QUERY).map((page) =>
          access.read(
            (collection) =>
              collection
                .where({ _id: access.command.in(page) })
                .limit(MAX_DOCUMENTS_PER_QUERY)
                .get(),
            { data: [] },
          ),
        ),
      );
      const snapshot: AlertMemorySnapshot = { records: new Map(), owed: [] };
      const latest = clock.now() + CLOCK_SKEW_MS;
      for (const document of pages.flatMap((page) => (Array.isArray(page.data) ? (page.data as unknown[]) : []))) {
        const fields = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
        if ('_openid' in fields) {
          ignore(fields._id, 'written by a mini-program user (_openid)');
          continue;
        }
        const owed = owedSchema.safeParse(fields);
        if (owed.success) {
          snapshot.owed = owed.data.admins;
          continue;
        }
        const record = recordSchema.safeParse(fields);
        if (!record.success) ignore(fields._id, 'not an alert record (a negative or missing balance or time)');
        else if (record.data.alertedAt > latest) ignore(fields._id, 'alerted in the future');
        else
          snapshot.records.set(record.data._id, { quotaNum: record.data.quotaNum, alertedAt: record.data.alertedAt });
      }
      return snapshot;
    },
    save: (key, record) =>
      access
        .run((collection) =>
          collection.doc(key).set({ data: { quotaNum: record.quotaNum, alertedAt: record.alertedAt } }),
        )
        .then(() => undefined),
    forget: (key) => access.run((collection) => collection.doc(key).remove()).then(() => undefined),
    setOwed: (admins) =>
      access
        .run((collection) =>
          admins.length === 0
            ? collection.doc(OWED_DOCUMENT_ID).remove()
            : collection.doc(OWED_DOCUMENT_ID).set({ data: { admins: [...admins] } }),
        )
        .then(() => undefined),
  };
}
