import type { Logger } from '../../core/logger';
import type { CollectionAccess } from '../database';
import { insertIfAbsent, removeUserDocument } from '../history/upsert';

/**
 * Writes the alert memory at `id` over an older state only; a newer one (another run's) stands. A
 * state dated beyond any clock's skew was planted, and is written over; so is a document a
 * mini-program user wrote at the id. True when this state is now stored.
 */
export async function saveNewer(
  access: CollectionAccess,
  id: string,
  fields: Record<string, unknown> & { writtenAt: number },
  options: { absent: boolean; skewMs: number },
  log: Logger,
): Promise<boolean> {
  const _ = access.command;
  const replaceable = _.or(_.lt(fields.writtenAt), _.gt(fields.writtenAt + options.skewMs));
  const older = { _id: id, writtenAt: replaceable, _openid: _.exists(false) };
  const update = { ...fields, accounts: _.set(fields.accounts), owed: _.set(fields.owed) };
  const insert = () => insertIfAbsent(access, id, fields);
  const change = async () =>
    ((await access.run((collection) => collection.where(older).update({ data: update }))).stats?.updated ?? 0) > 0;
  // A copy the last read did not find is inserted first: one round trip on a slow database, not two.
  if (options.absent ? (await insert()) || (await change()) : (await change()) || (await insert())) return true;
  // It exists and is not older: a newer state, or a document a mini-program user wrote at this id.
  return (await removeUserDocument(access, id, log)) && (await insert());
}
