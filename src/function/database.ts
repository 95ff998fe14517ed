import { toQuotaError } from '../core/errors/to-quota-error';

/** The query commands used here (`db.command`): a command object goes where a field's value would. */
export interface DatabaseCommand {
  in(values: readonly unknown[]): unknown;
  lt(value: number): unknown;
  gt(value: number): unknown;
  or(...commands: unknown[]): unknown;
  /** Whether the field is present: `exists(false)` matches a document without it. */
  exists(present: boolean): unknown;
  /** Update operator: appends `each` to the array field (creating it), then keeps only the last -`slice` items. */
  push(options: { each: readonly unknown[]; slice?: number }): unknown;
  /** Update operator: the field becomes `value` whole (an object is not merged field by field). */
  set(value: unknown): unknown;
}

export interface DatabaseQuery {
  limit(count: number): DatabaseQuery;
  /** Only these fields of each document (`{ latest: true }`); `_id` always comes along. */
  field(projection: Record<string, boolean>): DatabaseQuery;
  get(): Promise<{ data?: unknown }>;
  /** Updates every matching document at once; `stats.updated` says how many (0 when the condition no longer holds). */
  update(options: { data: Record<string, unknown> }): Promise<{ stats?: { updated?: number } }>;
  /** Removes every matching document; `stats.removed` says how many. */
  remove(): Promise<{ stats?: { removed?: number } }>;
}

export interface DatabaseCollection {
  where(query: Record<string, unknown>): DatabaseQuery;
  /** Fails when a document with the same `_id` exists: an insert-if-absent. */
  add(options: { data: Record<string, unknown> }): Promise<unknown>;
  doc(id: string): { set(options: { data: Record<string, unknown> }): Promise<unknown>; remove(): Promise<unknown> };
}

/** The few cloud database calls this function makes; wx-server-sdk's database is cast to this once, in index.ts. */
export interface Database {
  command: DatabaseCommand;
  createCollection(name: string): Promise<unknown>;
  collection(name: string): DatabaseCollection;
}

/** A query answers at most this many documents to a cloud function. */
export const MAX_DOCUMENTS_PER_QUERY = 1000;
/** The cloud database's code for a collection that does not exist: nothing is created on first write. */
const COLLECTION_MISSING = -502005;
/** wx-server-sdk hands "it exists" to the function as errCode -1 (or -501001) with this text in the message. */
const ALREADY_EXISTS = /DATABASE_COLLECTION_ALREADY_EXIST|ResourceExist|already exist/i;

/** An insert refused because a document with its `_id` exists (MongoDB's E11000, which the cloud passes on). */
const DUPLICATE_ID = /E11000|duplicate key/i;

export function isDuplicateId(error: unknown): boolean {
  const failure = toQuotaError(error);
  return DUPLICATE_ID.test(
    `${failure.message} ${String((failure.cause as { errMsg?: string } | undefined)?.errMsg ?? '')}`,
  );
}

export function isCollectionMissing(error: unknown): boolean {
  return toQuotaError(error).errCode === COLLECTION_MISSING;
}

export function isCollectionAlreadyThere(error: unknown): boolean {
  const failure = toQuotaError(error);
  return ALREADY_EXISTS.test(
    `${failure.message} ${String((failure.cause as { errMsg?: string } | undefined)?.errMsg ?? '')}`,
  );
}

/** One collection, created on first use: two runs racing to create it both succeed. */
export interface CollectionAccess {
  readonly name: string;
  readonly command: DatabaseCommand;
  run<T>(operation: (collection: DatabaseCollection) => Promise<T>): Promise<T>;
  /** A read that needs no collection: when it is missing, `whenMissing` is the answer and nothing is created. */
  read<T>(operation: (collection: DatabaseCollection) => Promise<T>, whenMissing: T): Promise<T>;
}

export function collectionAccess(openDatabase: () => Database, name: string): CollectionAccess {
  let opened: Database | undefined;
  const db = () => (opened ??= openDatabase());
  return {
    name,
    get command() {
      return db().command;
    },
    async run(operation) {
      try {
        return await operation(db().collection(name));
      } catch (error) {
        if (!isCollectionMissing(error)) throw error;
        try {
          await db().createCollection(name);
        } catch (creation) {
          if (!isCollectionAlreadyThere(creation)) throw creation;
        }
        return operation(db().collection(name));
      }
    },
    async read(operation, whenMissing) {
      try {
        return await operation(db().collection(name));
      } catch (error) {
        if (isCollectionMissing(error)) return whenMissing;
        throw error;
      }
    },
  };
}
