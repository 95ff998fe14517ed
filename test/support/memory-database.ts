import type { Clock } from '../../src/core/clock';
import { getPath } from '../../emulator/db-match';
import { project } from '../../emulator/db-read';
import { applyUpdate } from '../../emulator/db-update';
import type { Database, DatabaseCollection, DatabaseCommand, DatabaseQuery } from '../../src/function/database';

type Document = Record<string, unknown> & { _id: string };
type Condition = { $in: unknown[] } | { $lt: number } | { $gt: number } | { $or: Condition[] } | { $exists: boolean };

const command: DatabaseCommand = {
  in: (values) => ({ $in: [...values] }),
  lt: (value) => ({ $lt: value }),
  gt: (value) => ({ $gt: value }),
  or: (...conditions) => ({ $or: conditions as Condition[] }),
  exists: (present) => ({ $exists: present }),
  push: (options) => new UpdateOperator('$push', { $each: [...options.each], $slice: options.slice }),
  set: (value) => new UpdateOperator('$set', value),
};

/** An update command (`_.push`, `_.set`) as the SDK keeps it until it encodes the update. */
class UpdateOperator {
  constructor(
    readonly operator: '$push' | '$set',
    readonly operand: unknown,
  ) {}
}

/**
 * An update's data as the SDK encodes it: plain nested objects flattened to dotted `$set`s (so an
 * update never replaces a sibling field), update commands to their operators.
 */
function toWireUpdate(
  data: Record<string, unknown>,
  prefix = '',
  update: Record<string, Record<string, unknown>> = {},
) {
  for (const [key, value] of Object.entries(data)) {
    const path = `${prefix}${key}`;
    if (value instanceof UpdateOperator) {
      const operand =
        value.operator === '$push' && (value.operand as { $slice?: number }).$slice === undefined
          ? { $each: (value.operand as { $each: unknown[] }).$each }
          : value.operand;
      (update[value.operator] ??= {})[path] = operand;
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0)
      toWireUpdate(value as Record<string, unknown>, `${path}.`, update);
    else (update.$set ??= {})[path] = value;
  }
  return update;
}

function matches(value: unknown, condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return value === condition;
  const test = condition as Partial<Record<'$in' | '$lt' | '$gt' | '$or' | '$exists', unknown>>;
  if (typeof test.$exists === 'boolean') return (value !== undefined) === test.$exists;
  if (Array.isArray(test.$in)) return test.$in.includes(value);
  if (typeof test.$lt === 'number') return typeof value === 'number' && value < test.$lt;
  if (typeof test.$gt === 'number') return typeof value === 'number' && value > test.$gt;
  if (Array.isArray(test.$or)) return test.$or.some((inner) => matches(value, inner));
  throw new Error(`memory database: unsupported condition ${JSON.stringify(condition)}`);
}

/** How the SDK rejects: `{ errCode, errMsg }`. */
const rejection = (errCode: number, errMsg: string) => ({ errCode, errMsg });

/** A deep copy, as a database answer is; the page's jsdom tests have no structuredClone. */
function copyOf(document: Document): Document {
  return JSON.parse(JSON.stringify(document)) as Document;
}

/**
 * The cloud database as the function's Database interface sees it, in memory: the default and
 * maximum query sizes, conditional updates, insert-if-absent, the errors of a missing or existing
 * collection, latency on the injected clock, and injectable failures. Each call takes effect when
 * its latency has passed, so overlapping runs interleave as they would against the real database.
 */
export class MemoryDatabase implements Database {
  readonly command = command;
  readonly collections = new Map<string, Map<string, Document>>();
  readonly calls: string[] = [];
  latencyMs = 0;
  private failures: Array<{
    operation?: string;
    collection?: string;
    times: number;
    error: { errCode: number; errMsg: string };
  }> = [];

  constructor(private readonly clock: Pick<Clock, 'sleep'>) {}

  /** The next `times` calls (of `operation`, such as `update` or `add`, on `collection`, when given) fail with `error`. */
  fail(
    error: { errCode: number; errMsg: string },
    options: { operation?: string; collection?: string; times?: number } = {},
  ): void {
    this.failures.push({ ...options, times: options.times ?? Number.POSITIVE_INFINITY, error });
  }

  documents(name: string): Document[] {
    return [...(this.collections.get(name)?.values() ?? [])];
  }

  plant(name: string, document: Document): void {
    if (!this.collections.has(name)) this.collections.set(name, new Map());
    this.collections.get(name)!.set(document._id, { ...document });
  }

  createCollection(name: string): Promise<unknown> {
    return this.operate('createCollection', name, () => {
      if (this.collections.has(name))
        throw rejection(
          -1,
          `createCollection:fail -501001 [ResourceUnavailable.ResourceExist] Table exist. DATABASE_COLLECTION_ALREADY_EXIST`,
        );
      this.collections.set(name, new Map());
      return { errMsg: 'createCollection:ok' };
    });
  }

  collection(name: string): DatabaseCollection {
    const existing = () => {
      const collection = this.collections.get(name);
      if (!collection) throw rejection(-502005, `DATABASE_COLLECTION_NOT_EXIST: Db or Table not exist: ${name}`);
      return collection;
    };
    const query = (
      conditions: Record<string, unknown>,
      limit = 100,
      fields?: Record<string, boolean>,
    ): DatabaseQuery => {
      const shown = (document: Document) => (fields ? project(document, fields) : copyOf(document));
      const found = () =>
        [...existing().values()].filter((document) =>
          Object.entries(conditions).every(([field, condition]) => matches(getPath(document, field), condition)),
        );
      return {
        limit: (count) => query(conditions, Math.min(count, 1000), fields),
        field: (projection) => query(conditions, limit, projection),
        get: () => this.operate('get', name, () => ({ data: found().slice(0, limit).map(shown) })),
        update: ({ data }) =>
          this.operate('update', name, () => {
            const hits = found();
            const update = toWireUpdate(data);
            for (const document of hits) existing().set(document._id, applyUpdate(document, update) as Document);
            return { stats: { updated: hits.length } };
          }),
        remove: () =>
          this.operate('remove', name, () => {
            const hits = found();
            for (const document of hits) existing().delete(document._id);
            return { stats: { removed: hits.length } };
          }),
      };
    };
    return {
      where: (conditions) => query(conditions),
      add: ({ data }) =>
        this.operate('add', name, () => {
          const id = typeof data._id === 'string' ? data._id : `auto-${existing().size + 1}`;
          if (existing().has(id))
            throw rejection(
              -502001,
              `collection.add:fail -502001 database request fail. [FailedOperation] E11000 duplicate key error dup key: { _id: "${id}" }`,
            );
          existing().set(id, { ...data, _id: id });
          return { _id: id };
        }),
      doc: (id) => ({
        set: ({ data }) =>
          this.operate('set', name, () => {
            existing().set(id, { ...data, _id: id });
            return { _id: id, stats: { updated: 1 } };
          }),
        remove: () => this.operate('remove', name, () => ({ stats: { removed: existing().delete(id) ? 1 : 0 } })),
      }),
    };
  }

  private async operate<T>(operation: string, collection: string, apply: () => T): Promise<T> {
    this.calls.push(operation);
    if (this.latencyMs > 0) await this.clock.sleep(this.latencyMs);
    const failure = this.failures.find(
      (candidate) =>
        candidate.times > 0 &&
        (candidate.operation === undefined || candidate.operation === operation) &&
        (candidate.collection === undefined || candidate.collection === collection),
    );
    if (failure) {
      failure.times -= 1;
      throw failure.error;
    }
    return apply();
  }
}
