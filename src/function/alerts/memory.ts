import { logFailure } from '../../core/log-failure';
import * as z from 'zod';
import { adminKey, legacyAccountKey } from '../../core/accounts/account-key';
import type { AlertRecord } from '../../core/alerts/alert-policy';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import { ranOutOfTime } from '../../core/run-budget';
import type { AccountRef } from '../balance-history';
import { legacyAlerts, LEGACY_OWED_ID } from './memory-legacy';
import { saveNewer } from './memory-save';
import { MAX_DOCUMENTS_PER_QUERY, type CollectionAccess } from '../database';
import { documentsOf, FOREIGN, isForeign, logIgnored, ownDocuments } from '../own-documents';

/** The memory in quota_alerts, and its copy in quota_history: a fault of one collection loses nothing. */
export const MEMORY_DOCUMENT_ID = 'memory';
export const MEMORY_COPY_ID = 'alert-memory';
/** First-release records read by shape per run (those of listed accounts are read by id besides). */
const LEGACY_SHAPE_READ_LIMIT = 100;
/** How the alert memory names itself in the log. */
const MEMORY_STORE = 'alert memory';
/** A clock slightly ahead in another instance is not a planted record; a month ahead is. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What the alert runs remember: per account (by accountKey), the last alert; the admins (by adminKey) still owed one. */
export interface AlertMemorySnapshot {
  records: ReadonlyMap<string, AlertRecord>;
  owed: ReadonlySet<string>;
  /** When this state was written (epoch ms); 0 for nothing remembered. */
  writtenAt: number;
  /** No first-release record is left: runs stop looking for them. */
  legacyMigrated: boolean;
}

export const EMPTY_MEMORY: AlertMemorySnapshot = {
  records: new Map(),
  owed: new Set(),
  writtenAt: 0,
  legacyMigrated: false,
};

/** What a run read of its memory, and from where. */
export interface LoadedMemory {
  snapshot: AlertMemorySnapshot;
  /** Database copies read (0–2): with none, the run relies on what this instance remembers. */
  copiesRead: number;
  /** Both copies ran out of time (the database is slow, not failing): who is owed what is unknown. */
  late: boolean;
  /** A copy is missing, unreadable or older than the newest state: the next save brings both up to date. */
  stale: boolean;
  /** First-release documents merged in, removed once the memory is saved. */
  legacyIds: string[];
}

/** What this instance remembers of the last state it saved: the memory of last resort when the database fails. */
export class InstanceAlertMemory {
  snapshot: AlertMemorySnapshot = EMPTY_MEMORY;
  /** A stored memory said no first-release record is left: this instance's reads stop asking for them. */
  legacyMigrated = false;
  /** Runs in a row that deferred alerts for lack of time: after one, the next sends regardless. */
  deferredRuns = 0;
}

const recordSchema = z.object({ quotaNum: z.number().int().min(0), alertedAt: z.number().int().min(0) });
const memorySchema = z.object({
  writtenAt: z.number(),
  accounts: z.record(z.string(), z.unknown()),
  owed: z.array(z.string()),
  legacyMigrated: z.boolean().optional(),
});

export interface AlertMemory {
  /**
   * Both copies, read at once: one round trip, whatever the number of accounts; until none is left,
   * the first release's records of these accounts (and its owed admins) are read with them and merged in.
   */
  load(accounts: readonly AccountRef[]): Promise<LoadedMemory>;
  /** Writes `snapshot` to both copies, unless a copy is newer; remembers it in the instance. Returns the copies that hold it. */
  save(snapshot: AlertMemorySnapshot): Promise<number>;
  removeLegacy(ids: readonly string[]): Promise<void>;
}

function newest(candidates: readonly AlertMemorySnapshot[]): AlertMemorySnapshot {
  return candidates.reduce(
    (best, candidate) => (candidate.writtenAt > best.writtenAt ? candidate : best),
    EMPTY_MEMORY,
  );
}

/**
 * The alert memory, one small document in each of two collections. Every run reads both and keeps the
 * newer; every save writes both, each only over an older state (so a stale run never rolls a newer
 * one back). When neither copy can be read, the instance's own memory stands in: a database outage
 * costs at most one message per instance, never one per run.
 */
export function createAlertMemory(
  alerts: CollectionAccess,
  history: CollectionAccess,
  instance: InstanceAlertMemory,
  clock: Pick<Clock, 'now'>,
  log: Logger,
): AlertMemory {
  // Which copies the last read found missing: the next save inserts those first.
  const absent = { primary: false, copy: false };
  const ignore = (document: Record<string, unknown>, why: string) => logIgnored(log, MEMORY_STORE, document, why);

  /** The memory document at `id`, and the other documents asked for with it. */
  const readCopy = async (access: CollectionAccess, id: string, alsoIds: readonly string[] = []) => {
    const answer = await access.read(
      (collection) =>
        collection
          .where({ _id: access.command.in([id, ...alsoIds]) })
          .limit(MAX_DOCUMENTS_PER_QUERY)
          .get(),
      { data: [] },
    );
    let snapshot: AlertMemorySnapshot | undefined;
    let found = false;
    const others: Array<Record<string, unknown>> = [];
    for (const document of documentsOf(answer.data)) {
      found ||= document._id === id;
      if (document._id !== id) others.push(document);
      else if (isForeign(document)) ignore(document, FOREIGN);
      else snapshot = parseMemory(document) ?? (ignore(document, 'not an alert memory'), undefined);
    }
    return { snapshot, others, found };
  };

  const parseMemory = (document: Record<string, unknown>): AlertMemorySnapshot | undefined => {
    const parsed = memorySchema.safeParse(document);
    if (!parsed.success || parsed.data.writtenAt > clock.now() + CLOCK_SKEW_MS) return undefined;
    const records = new Map<string, AlertRecord>();
    for (const [key, raw] of Object.entries(parsed.data.accounts)) {
      const record = recordSchema.safeParse(raw);
      if (record.success && record.data.alertedAt <= clock.now() + CLOCK_SKEW_MS) records.set(key, record.data);
    }
    return {
      records,
      owed: new Set(parsed.data.owed),
      writtenAt: parsed.data.writtenAt,
      legacyMigrated: parsed.data.legacyMigrated === true,
    };
  };

  return {
    async load(accounts) {
      // Until a stored memory says none is left, the first release's records ride along in the same read.
      const legacyIds = instance.legacyMigrated ? [] : [...new Set(accounts.map(legacyAccountKey)), LEGACY_OWED_ID];
      const [primary, copy, unlisted] = await Promise.allSettled([
        readCopy(alerts, MEMORY_DOCUMENT_ID, legacyIds),
        readCopy(history, MEMORY_COPY_ID),
        // Those of accounts no longer listed too, by shape: found, they are moved and leave no customer code in clear.
        legacyIds.length === 0
          ? Promise.resolve({ pageSize: 0, documents: [] })
          : alerts
              .read(
                (collection) =>
                  collection
                    .where({ alertedAt: alerts.command.exists(true), _openid: alerts.command.exists(false) })
                    .limit(LEGACY_SHAPE_READ_LIMIT)
                    .get(),
                { data: [] },
              )
              // The page's size counts users' documents too: a full page may hide one of ours.
              .then((answer) => ({
                pageSize: documentsOf(answer.data).length,
                documents: ownDocuments(answer.data, log, MEMORY_STORE),
              })),
      ]);
      const read = [primary, copy].filter((result) => result.status === 'fulfilled');
      const stored = read.flatMap((result) => (result.value.snapshot ? [result.value.snapshot] : []));
      absent.primary = primary.status === 'fulfilled' && !primary.value.found;
      absent.copy = copy.status === 'fulfilled' && !copy.value.found;
      for (const result of [primary, copy])
        if (result.status === 'rejected' && !ranOutOfTime(result.reason))
          logFailure(log, 'warn', 'alert memory: a copy could not be read', result.reason);
      const late =
        read.length === 0 &&
        [primary, copy].every((result) => result.status === 'rejected' && ranOutOfTime(result.reason));
      if (read.length === 0 && !late)
        log.error('alert memory: neither copy could be read; this instance remembers what it sent', {
          remembered: instance.snapshot.records.size,
        });
      const storedMarker = newest(stored).legacyMigrated;
      if (storedMarker) instance.legacyMigrated = true;
      let snapshot = newest([...stored, instance.snapshot]);
      const current = stored.filter((copied) => copied.writtenAt === snapshot.writtenAt).length;
      let stale = snapshot.writtenAt > 0 && current < 2;
      let found: string[] = [];
      if (primary.status === 'fulfilled' && !storedMarker && legacyIds.length > 0) {
        const byShape = unlisted.status === 'fulfilled' ? unlisted.value.documents : [];
        const candidates = new Map([...byShape, ...primary.value.others].map((document) => [document._id, document]));
        const legacy = legacyAlerts([...candidates.values()], clock.now() + CLOCK_SKEW_MS, ignore, log);
        found = legacy.ids;
        // Done only when neither read can be hiding one: the shape read answered, and not a full page.
        const done =
          found.length === 0 && unlisted.status === 'fulfilled' && unlisted.value.pageSize < LEGACY_SHAPE_READ_LIMIT;
        // First-release records are older than any memory written since: they only fill gaps.
        snapshot = {
          records: new Map([...legacy.records, ...snapshot.records]),
          owed: new Set([...snapshot.owed, ...legacy.owed.map(adminKey)]),
          writtenAt: snapshot.writtenAt,
          legacyMigrated: done,
        };
        stale ||= done;
      }
      return { snapshot, copiesRead: read.length, late, stale, legacyIds: found };
    },

    async save(snapshot) {
      instance.snapshot = snapshot;
      const fields = {
        version: 2,
        writtenAt: snapshot.writtenAt,
        accounts: Object.fromEntries(snapshot.records),
        owed: [...snapshot.owed],
        legacyMigrated: snapshot.legacyMigrated,
      };
      const results = await Promise.allSettled([
        saveNewer(alerts, MEMORY_DOCUMENT_ID, fields, { absent: absent.primary, skewMs: CLOCK_SKEW_MS }, log),
        saveNewer(history, MEMORY_COPY_ID, fields, { absent: absent.copy, skewMs: CLOCK_SKEW_MS }, log),
      ]);
      for (const result of results)
        if (result.status === 'rejected') logFailure(log, 'error', 'alert memory: a copy was not saved', result.reason);
      return results.filter((result) => result.status === 'fulfilled' && result.value).length;
    },

    async removeLegacy(ids) {
      const _ = alerts.command;
      await alerts.run((collection) => collection.where({ _id: _.in([...ids]), _openid: _.exists(false) }).remove());
    },
  };
}
