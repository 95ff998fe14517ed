import { EJSON } from 'bson';
import type { Clock } from '../src/core/clock';
import type { Database, DatabaseCollection, DatabaseQuery } from '../src/function/database';
import type { CloudDatabase } from './cloud-database';
import { sdkCommand, toWireQuery, toWireUpdate } from './wire-encoding';

const SYS_ERR = -501001;
/** wx-server-sdk's codes for the gateway's answers (its TCB_ERR_CODE); any other is a system error. */
const SDK_ERROR_CODES: Record<string, number> = {
  SYS_ERR,
  INVALID_PARAM: -501007,
  DATABASE_REQUEST_FAILED: -502001,
  DATABASE_PERMISSION_DENIED: -502003,
  DATABASE_COLLECTION_NOT_EXIST: -502005,
};

type Answer = Record<string, unknown>;

/** An SDK failure as wx-server-sdk throws it: an Error carrying `errCode` and `errMsg`. */
function sdkError(errCode: number, errMsg: string): Error {
  return Object.assign(new Error(errMsg), { errCode, errMsg });
}

const text = (value: unknown) => EJSON.stringify(value as Answer, { relaxed: true });

/**
 * The emulator's cloud database behind the function's Database interface, in-process: queries and
 * updates encoded as @cloudbase/database puts them on the wire, answers and failures shaped as
 * wx-server-sdk hands them over, each reply arriving after the latency the database's faults add.
 * For in-process tests; the emulator's cloud face exercises the real SDK against the same database.
 */
export function createInProcessDatabase(database: CloudDatabase, clock: Pick<Clock, 'sleep'>): Database {
  const send = async (apiName: string, action: string, params: Answer): Promise<Answer> => {
    const { answer, latencyMs } = database.handle(action, params);
    if (latencyMs > 0) await clock.sleep(latencyMs);
    if (answer === undefined) throw sdkError(SYS_ERR, `${apiName}:fail ${SYS_ERR} SYS_ERR. socket hang up`);
    if (typeof answer.code === 'string') {
      const errCode = SDK_ERROR_CODES[answer.code] ?? SYS_ERR;
      throw sdkError(errCode, `${apiName}:fail ${errCode} ${answer.code}. ${String(answer.message)}`);
    }
    return answer.data as Answer;
  };

  const query = (collectionName: string, where: Answer, limit?: number, projection?: Answer): DatabaseQuery => ({
    limit: (count) => query(collectionName, where, count, projection),
    field: (fields) =>
      query(
        collectionName,
        where,
        limit,
        Object.fromEntries(Object.entries(fields).map(([path, shown]) => [path, shown ? 1 : 0])),
      ),
    get: async () => {
      const found = await send('collection.get', 'database.getDocument', {
        collectionName,
        queryType: 'WHERE',
        query: text(toWireQuery(where)),
        limit: limit === undefined ? 100 : Math.min(limit, 1000),
        ...(projection ? { projection: text(projection) } : {}),
      });
      return {
        data: (found.list as string[]).map((item) => EJSON.parse(item, { relaxed: true })),
        errMsg: 'collection.get:ok',
      };
    },
    update: async ({ data }) => {
      const done = await send('collection.update', 'database.modifyDocument', {
        collectionName,
        queryType: 'WHERE',
        query: text(toWireQuery(where)),
        data: text(toWireUpdate(data)),
        multi: true,
        merge: true,
        upsert: false,
      });
      return { stats: { updated: Number(done.updated) }, errMsg: 'collection.update:ok' };
    },
    remove: async () => {
      const done = await send('collection.remove', 'database.removeDocument', {
        collectionName,
        queryType: 'WHERE',
        query: text(toWireQuery(where)),
        multi: true,
      });
      return { stats: { removed: Number(done.deleted) }, errMsg: 'collection.remove:ok' };
    },
  });

  const collection = (collectionName: string): DatabaseCollection => ({
    where: (conditions) => query(collectionName, conditions),
    add: async ({ data }) => {
      const done = await send('collection.add', 'database.insertDocument', { collectionName, data: [text(data)] });
      return { _id: (done.insertedIds as string[])[0], errMsg: 'collection.add:ok' };
    },
    doc: (id) => ({
      set: async ({ data }) => {
        const done = await send('document.set', 'database.modifyDocument', {
          collectionName,
          queryType: 'DOC',
          query: text({ _id: id }),
          data: text(data),
          multi: false,
          merge: false,
          upsert: true,
        });
        return { _id: id, stats: { updated: Number(done.updated) }, errMsg: 'document.set:ok' };
      },
      remove: async () => {
        const done = await send('document.remove', 'database.removeDocument', {
          collectionName,
          queryType: 'DOC',
          query: text({ _id: id }),
          multi: false,
        });
        return { stats: { removed: Number(done.deleted) }, errMsg: 'document.remove:ok' };
      },
    }),
  });

  return {
    command: sdkCommand,
    collection,
    createCollection: async (collectionName) => {
      const { answer, latencyMs } = database.handle('database.addCollection', { collectionName });
      if (latencyMs > 0) await clock.sleep(latencyMs);
      // wx-server-sdk 4.0.2 hands every failure to create a collection over as -1, the gateway's text in its message.
      if (answer === undefined) throw sdkError(-1, 'createCollection:fail socket hang up');
      if (typeof answer.code === 'string') throw sdkError(-1, `createCollection:fail ${String(answer.message)}`);
      return { errMsg: 'createCollection:ok' };
    },
  };
}
