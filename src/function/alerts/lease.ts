import * as z from 'zod';
import type { Clock } from '../../core/clock';
import { ranOutOfTime } from '../../core/run-budget';
import type { CollectionAccess } from '../database';
import { isForeign } from '../own-documents';

/**
 * A claim on a piece of work (a timer run, one account, …) that at most one invocation holds at a time.
 * It expires by itself, so a holder that died does not block the work forever.
 */
export interface Lease {
  /**
   * `claimed` when this owner now holds `key` until `ttlMs` from now; `held` when another owner holds it,
   * or released or lost it after this call began: what that holder wrote may postdate the caller's reads.
   */
  claim(key: string, owner: string, ttlMs: number): Promise<LeaseClaim>;
  /** Gives the claim up early, if this owner still holds it: it expires now, so only claims begun after this take it. */
  release(key: string, owner: string): Promise<void>;
}

export type LeaseClaim =
  { status: 'claimed' } | { status: 'held'; until: number } | { status: 'tampered'; reason: string };

/** How many TTLs away an expiry must be to be no claim at all. */
const PLANTED_AFTER_TTLS = 2;

const leaseSchema = z.object({ _id: z.string(), owner: z.string(), expiresAt: z.number() });

/**
 * Leases as documents `{ _id: key, owner, expiresAt }`, taken by conditional writes only: an update that
 * matches only an expired lease, and an insert that fails when the document exists. Of two invocations
 * racing for the same key, the database lets exactly one win.
 */
export function createLease(access: CollectionAccess, clock: Pick<Clock, 'now'>): Lease {
  return {
    async claim(key, owner, ttlMs) {
      const now = clock.now();
      const lease = { owner, expiresAt: now + ttlMs, claimedAt: now };
      const _ = access.command;
      // An expiry further away than any claim can set, even from an instance that started later or whose
      // clock runs ahead, is not a claim (a planted document): it may be taken too.
      const takeable = _.or(_.lt(now), _.gt(now + PLANTED_AFTER_TTLS * ttlMs));
      // Both at once, one round trip: the update can only match an existing lease, the insert only succeed without one.
      const [taken, inserted] = await Promise.allSettled([
        access.run((collection) => collection.where({ _id: key, expiresAt: takeable }).update({ data: lease })),
        access.run((collection) => collection.add({ data: { _id: key, ...lease } })),
      ]);
      if (inserted.status === 'fulfilled' || (taken.status === 'fulfilled' && (taken.value.stats?.updated ?? 0) > 0))
        return { status: 'claimed' };
      const failure = [taken, inserted].find(
        (result): result is PromiseRejectedResult => result.status === 'rejected' && ranOutOfTime(result.reason),
      );
      if (failure) throw failure.reason;
      // Neither took it: another owner holds it, or the database failed. The document says which.
      const found = await access.run((collection) => collection.where({ _id: key }).limit(1).get());
      const document = Array.isArray(found.data) ? (found.data[0] as Record<string, unknown> | undefined) : undefined;
      if (!document) throw taken.status === 'rejected' ? taken.reason : inserted.reason;
      const parsed = leaseSchema.safeParse(document);
      if (!parsed.success || isForeign(document))
        return { status: 'tampered', reason: parsed.success ? 'written by a mini-program user' : 'not a lease' };
      return parsed.data.owner === owner ? { status: 'claimed' } : { status: 'held', until: parsed.data.expiresAt };
    },
    async release(key, owner) {
      // Not 0: a claim begun before the release (whose reads may predate the holder's writes) must not take it.
      const now = clock.now();
      await access.run((collection) =>
        collection.where({ _id: key, owner }).update({ data: { expiresAt: now, releasedAt: now } }),
      );
    },
  };
}
