import * as z from 'zod';
import type { AlertRecord } from '../core/alert-policy';
import type { Logger } from '../core/logger';
import { toQuotaError } from '../core/to-quota-error';

/** Where the last alert of each account is remembered between timer runs. */
export interface AlertMemory {
  load(): Promise<Map<string, AlertRecord>>;
  save(key: string, record: AlertRecord): Promise<void>;
  forget(key: string): Promise<void>;
}

export function alertKey(deliveryId: string, bizId: string): string {
  return `${deliveryId}:${encodeURIComponent(bizId)}`;
}

export const ALERT_COLLECTION = 'quota_alerts';
/** The cloud database's code for a collection that does not exist yet. */
const COLLECTION_MISSING = -502005;
const MAX_DOCUMENTS = 1000;

/** The few cloud database calls the memory makes; wx-server-sdk's database is cast to this once, in index.ts. */
export interface AlertDatabase {
  createCollection(name: string): Promise<unknown>;
  collection(name: string): {
    limit(count: number): { get(): Promise<{ data?: unknown }> };
    doc(id: string): { set(options: { data: Record<string, unknown> }): Promise<unknown>; remove(): Promise<unknown> };
  };
}

const recordSchema = z.object({ _id: z.string(), quotaNum: z.number(), alertedAt: z.number() });

/**
 * The memory as a tiny cloud database collection, one document per alerted account. It is created
 * on first use. Its failures are logged, never fatal: an alert sent twice beats an alert never sent.
 */
export function createDatabaseAlertMemory(openDatabase: () => AlertDatabase, log: Logger): AlertMemory {
  let opened: AlertDatabase | undefined;
  const db = () => (opened ??= openDatabase());
  const collection = () => db().collection(ALERT_COLLECTION);
  const ensuringCollection = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      if (toQuotaError(error).errCode !== COLLECTION_MISSING) throw error;
      await db().createCollection(ALERT_COLLECTION);
      return operation();
    }
  };
  const logged = (action: string) => (error: unknown) => {
    const failure = toQuotaError(error);
    log.warn(`alert memory: ${action} failed`, { code: failure.code, errCode: failure.errCode });
  };
  return {
    async load() {
      const records = new Map<string, AlertRecord>();
      try {
        const result = await ensuringCollection(() => collection().limit(MAX_DOCUMENTS).get());
        for (const document of Array.isArray(result.data) ? result.data : []) {
          const parsed = recordSchema.safeParse(document);
          if (parsed.success) records.set(parsed.data._id, { quotaNum: parsed.data.quotaNum, alertedAt: parsed.data.alertedAt });
        }
      } catch (error) {
        logged('load')(error);
      }
      return records;
    },
    save: (key, record) => ensuringCollection(() => collection().doc(key).set({ data: { ...record } })).then(() => undefined, logged('save')),
    forget: (key) => collection().doc(key).remove().then(() => undefined, logged('forget')),
  };
}
