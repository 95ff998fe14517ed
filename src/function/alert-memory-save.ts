import { isDuplicateId, type CollectionAccess } from './database';

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
): Promise<boolean> {
  const _ = access.command;
  const replaceable = _.or(_.lt(fields.writtenAt), _.gt(fields.writtenAt + options.skewMs));
  const older = { _id: id, writtenAt: replaceable, _openid: _.exists(false) };
  const update = { ...fields, accounts: _.set(fields.accounts), owed: _.set(fields.owed) };
  const change = async () =>
    ((await access.run((collection) => collection.where(older).update({ data: update }))).stats?.updated ?? 0) > 0;
  // A copy the last read did not find is inserted first: one round trip on a slow database, not two.
  if (options.absent ? (await insert()) || (await change()) : (await change()) || (await insert())) return true;
  // It exists and is not older: a newer state, or a document a mini-program user wrote at this id.
  const removed = await access.run((collection) => collection.where({ _id: id, _openid: _.exists(true) }).remove());
  return (removed.stats?.removed ?? 0) > 0 && (await insert());

  async function insert(): Promise<boolean> {
    try {
      await access.run((collection) => collection.add({ data: { _id: id, ...fields } }));
      return true;
    } catch (error) {
      if (isDuplicateId(error)) return false;
      throw error;
    }
  }
}
