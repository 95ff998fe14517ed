import { QuotaError } from '../../core/errors/errors';
import { ErrorCode } from '../../contract/errors';
import type { Logger } from '../../core/logger';
import { isDuplicateId, type CollectionAccess } from '../database';
import { LOCK_COLLECTION_FIX } from '../own-documents';

/** A write to one document that may not exist yet: the update if it does, the whole document if not. */
export interface Upsert {
  id: string;
  /** Update operators and dotted fields: appends and field sets only, never the whole document. */
  update: Record<string, unknown>;
  /** The document's fields when this write creates it: the same as the update applied to nothing. */
  created: Record<string, unknown>;
  /** What the caller expects: an absent document is inserted first, saving a round trip. */
  expect: 'absent' | 'present';
}

/** Rounds of update, insert and clean-up before a write that keeps losing races is given up (and reported). */
const UPSERT_ROUNDS = 3;

/**
 * Applies `write`: an update of the document if it is ours, an insert if it is missing (an insert
 * raced by another invocation's becomes an update). A document at the id that a mini-program user
 * wrote (it carries `_openid`) is not ours: it is removed, logged, and the write goes in anew.
 * Nothing is overwritten whole, so concurrent writers keep each other's changes. Throws unless the
 * write landed, so that a caller never counts a lost write as kept.
 */
export async function upsert(access: CollectionAccess, write: Upsert, log: Logger): Promise<void> {
  const _ = access.command;
  const insert = () => insertIfAbsent(access, write.id, write.created);
  const change = async (): Promise<boolean> => {
    const answer = await access.run((collection) =>
      collection.where({ _id: write.id, _openid: _.exists(false) }).update({ data: write.update }),
    );
    return (answer.stats?.updated ?? 0) > 0;
  };
  if (write.expect === 'absent' && (await insert())) return;
  for (let round = 0; round < UPSERT_ROUNDS; round += 1) {
    if (await change()) return;
    if (await insert()) return;
    // It exists, yet the update matched nothing: a user's document at this id (or it went away meanwhile).
    await removeUserDocument(access, write.id, log);
  }
  throw new QuotaError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    `${access.name} ${write.id} was not written: it kept changing under this invocation (${UPSERT_ROUNDS} tries).`,
  );
}

/** Inserts the document at `id` unless one exists there: true when this call inserted it. */
export async function insertIfAbsent(
  access: CollectionAccess,
  id: string,
  fields: Record<string, unknown>,
): Promise<boolean> {
  try {
    await access.run((collection) => collection.add({ data: { _id: id, ...fields } }));
    return true;
  } catch (error) {
    if (isDuplicateId(error)) return false;
    throw error;
  }
}

/**
 * Removes the document at `id` if a mini-program user wrote it (it carries `_openid`): never the
 * function's own. Logged with the fix; true when one was removed.
 */
export async function removeUserDocument(access: CollectionAccess, id: string, log: Logger): Promise<boolean> {
  const _ = access.command;
  const removed = await access.run((collection) => collection.where({ _id: id, _openid: _.exists(true) }).remove());
  if ((removed.stats?.removed ?? 0) === 0) return false;
  log.warn(`${access.name}: replaced a document a mini-program user wrote`, { id, fix: LOCK_COLLECTION_FIX });
  return true;
}

/** Deep-merges plain objects (arrays and values are replaced): the fields of a document created by several writes at once. */
export function mergeFields(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(existing) && isPlainObject(value)) mergeFields(existing, value);
    else target[key] = value;
  }
  return target;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
