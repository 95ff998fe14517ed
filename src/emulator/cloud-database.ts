import { EJSON } from 'bson';

type Document = Record<string, unknown> & { _id: string };

/** The tcb gateway's answer for a collection that does not exist; the SDK turns it into -502005. */
const COLLECTION_MISSING = { code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'Db or Table not exist' };

/**
 * The cloud database, as much of it as the function uses: whole-collection reads, and set and
 * remove of one document by `_id`. Requests and answers follow the SDK's JSON wire format
 * (`database.getDocument`, `database.modifyDocument`, `database.removeDocument`, `database.addCollection`).
 */
export class CloudDatabase {
  readonly collections = new Map<string, Map<string, Document>>();

  handle(action: string, params: Record<string, unknown>): Record<string, unknown> {
    const name = String(params.collectionName ?? '');
    if (action === 'database.addCollection') {
      if (!this.collections.has(name)) this.collections.set(name, new Map());
      return { data: {} };
    }
    const collection = this.collections.get(name);
    if (!collection) return COLLECTION_MISSING;
    const id = idOf(params.query);
    switch (action) {
      case 'database.getDocument': {
        const found = id === undefined ? [...collection.values()] : [collection.get(id)].filter((document): document is Document => document !== undefined);
        return { data: { list: found.map((document) => EJSON.stringify(document)), total: found.length } };
      }
      case 'database.modifyDocument': {
        if (id === undefined) return { code: 'INVALID_PARAM', message: 'the emulator only sets documents by _id' };
        const existed = collection.has(id);
        collection.set(id, { ...(EJSON.parse(String(params.data)) as Record<string, unknown>), _id: id });
        return { data: existed ? { updated: 1 } : { updated: 0, upsert_id: id } };
      }
      case 'database.removeDocument':
        return { data: { deleted: id !== undefined && collection.delete(id) ? 1 : 0 } };
      default:
        return { code: 'INVALID_ACTION', message: `${action} is not emulated` };
    }
  }
}

function idOf(query: unknown): string | undefined {
  if (typeof query !== 'string') return undefined;
  const parsed = EJSON.parse(query) as { _id?: unknown };
  return typeof parsed._id === 'string' ? parsed._id : undefined;
}
