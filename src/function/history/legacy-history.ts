import * as z from 'zod';
import { accountKey, legacyAccountKey } from '../../core/accounts/account-key';
import type { BalancePoint } from '../../core/forecast/balance-points';
import { usageProfile } from '../../core/forecast/forecast';
import type { Logger } from '../../core/logger';
import { thinHistory } from '../../core/forecast/thin-history';
import type { LegacyHistory } from '../balance-history';
import { MAX_DOCUMENTS_PER_QUERY, type CollectionAccess } from '../database';
import { documentsOf, idOf, isForeign, logIgnored, ownDocuments } from '../own-documents';
import { HISTORY_STORE, shardOf, trustedPoints } from './layout';

/**
 * The first release kept one document per account, `{ _id: "YTO:xyz", deliveryId, bizId, points,
 * latest, rev }`, rewritten whole on every reading. They are read until moved: a few per invocation,
 * one shard at a time (so that moving them costs one write per day record), their readings appended
 * to the current layout and the document removed only if nobody changed it meanwhile.
 */
export const LEGACY_MIGRATIONS_PER_READ = 20;

const pointSchema = z.tuple([z.number(), z.number()]);
const indexSchema = z.object({
  _id: z.string(),
  deliveryId: z.string().min(1),
  bizId: z.string().min(1),
  latest: pointSchema.optional(),
  rev: z.number().int().min(1).optional(),
});
const documentSchema = indexSchema.extend({ points: z.array(pointSchema) });

export interface LegacyRead {
  /** The latest reading of every first-release document left, by accountKey: the stored balance until it is moved. */
  latest: Map<string, BalancePoint>;
  /** The documents read whole this time, to be moved. */
  migrating: LegacyHistory[];
  /** Whether any of the function's first-release documents is left. */
  left: boolean;
}

/** Finds first-release documents by their shape (only they have `bizId`) and reads a batch of them whole. */
export async function readLegacy(access: CollectionAccess, now: number, log: Logger): Promise<LegacyRead> {
  const _ = access.command;
  const projection = { deliveryId: true, bizId: true, latest: true, rev: true };
  // Documents users planted (with their _openid) are left out by the query, so they cannot push the function's own out of it.
  const index = await access.read(
    (collection) =>
      collection
        .where({ bizId: _.exists(true), _openid: _.exists(false) })
        .field(projection)
        .limit(MAX_DOCUMENTS_PER_QUERY)
        .get(),
    { data: [] },
  );
  const listed = documentsOf(index.data);
  const ours = ownDocuments(listed, log, HISTORY_STORE).flatMap((document) => {
    const parsed = indexSchema.safeParse(document);
    if (parsed.success && parsed.data._id === legacyAccountKey(parsed.data)) return [parsed.data];
    logIgnored(log, HISTORY_STORE, document, 'not a first-release record');
    return [];
  });
  // A full answer may hide more of them behind the ones it holds.
  const left = ours.length > 0 || listed.length >= MAX_DOCUMENTS_PER_QUERY;
  const latest = new Map<string, BalancePoint>();
  for (const document of ours) {
    const [at, quotaNum] = document.latest ?? [];
    const point = trustedPoints(at === undefined || quotaNum === undefined ? [] : [[at, quotaNum]], now)[0];
    if (point) latest.set(accountKey(document), point);
  }
  if (ours.length === 0) return { latest, migrating: [], left };
  const batch = largestShard(ours).slice(0, LEGACY_MIGRATIONS_PER_READ);
  const whole = await access.read(
    (collection) =>
      collection
        .where({ _id: _.in(batch.map((document) => document._id)) })
        .limit(MAX_DOCUMENTS_PER_QUERY)
        .get(),
    { data: [] },
  );
  const migrating = documentsOf(whole.data).flatMap((document): LegacyHistory[] => {
    const parsed = documentSchema.safeParse(document);
    if (!parsed.success || isForeign(document) || parsed.data._id !== legacyAccountKey(parsed.data)) {
      log.warn('balance history: a first-release document is malformed and cannot be moved', {
        id: idOf(document),
        fix: 'delete it in the cloud console (数据库 → quota_history) if it is not needed',
      });
      return [];
    }
    const points = thinHistory(trustedPoints(parsed.data.points, now), now).keep;
    const account = { deliveryId: parsed.data.deliveryId, bizId: parsed.data.bizId };
    // computedAt 0: learnt without the readings since the upgrade, so it is recomputed at the first chance.
    const profile = { ...usageProfile(points, now), computedAt: 0 };
    return [{ account, id: parsed.data._id, rev: parsed.data.rev ?? null, points, profile, hasSummary: false }];
  });
  return { latest, migrating, left: true };
}

/** The documents of the shard that holds most of them: moving them touches one shard's day records. */
function largestShard<T extends { deliveryId: string; bizId: string }>(documents: readonly T[]): T[] {
  const byShard = new Map<string, T[]>();
  for (const document of documents) {
    const shard = shardOf(accountKey(document));
    byShard.set(shard, [...(byShard.get(shard) ?? []), document]);
  }
  return [...byShard.values()].sort((a, b) => b.length - a.length)[0] ?? [];
}
