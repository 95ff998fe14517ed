import type { LogFields } from '../../src/core/logger';
import { ALERT_COLLECTION, createDatabaseAlertMemory, type AlertDatabase } from '../../src/function/alert-memory';

/** A stand-in for wx-server-sdk's database with the SDK's error shape for a missing collection. */
function fakeDatabase(options: { exists?: boolean; failReads?: boolean } = {}) {
  let exists = options.exists ?? true;
  const documents = new Map<string, Record<string, unknown>>();
  const missing = () => Promise.reject({ errCode: -502005, errMsg: 'collection not exists' });
  const db: AlertDatabase = {
    createCollection: async (name) => {
      expect(name).toBe(ALERT_COLLECTION);
      exists = true;
    },
    collection: () => ({
      limit: () => ({
        get: () => {
          if (options.failReads) return Promise.reject({ errCode: -501001, errMsg: 'timeout' });
          return exists ? Promise.resolve({ data: [...documents.values(), { _id: 'junk', quotaNum: 'x' }] }) : missing();
        },
      }),
      doc: (id) => ({
        set: ({ data }) => (exists ? Promise.resolve(documents.set(id, { _id: id, ...data })) : missing()),
        remove: () => Promise.resolve(documents.delete(id)),
      }),
    }),
  };
  return { db, documents };
}

const warnings: Array<{ message: string; fields?: LogFields }> = [];
const log = { info: () => undefined, warn: (message: string, fields?: LogFields) => warnings.push({ message, fields }) };

describe('createDatabaseAlertMemory', () => {
  beforeEach(() => (warnings.length = 0));

  it('saves, loads (skipping malformed documents) and forgets records', async () => {
    const { db } = fakeDatabase();
    const memory = createDatabaseAlertMemory(() => db, log);
    await memory.save('ZTO:Z1', { quotaNum: 12, alertedAt: 1000 });
    expect(await memory.load()).toEqual(new Map([['ZTO:Z1', { quotaNum: 12, alertedAt: 1000 }]]));
    await memory.forget('ZTO:Z1');
    expect((await memory.load()).size).toBe(0);
  });

  it('creates the collection when it does not exist yet', async () => {
    const { db, documents } = fakeDatabase({ exists: false });
    const memory = createDatabaseAlertMemory(() => db, log);
    await memory.save('YTO:xyz', { quotaNum: 1, alertedAt: 2 });
    expect(documents.get('YTO:xyz')).toEqual({ _id: 'YTO:xyz', quotaNum: 1, alertedAt: 2 });
    expect(warnings).toEqual([]);
  });

  it('logs a failing database and carries on with an empty memory', async () => {
    const memory = createDatabaseAlertMemory(() => fakeDatabase({ failReads: true }).db, log);
    expect((await memory.load()).size).toBe(0);
    expect(warnings).toEqual([{ message: 'alert memory: load failed', fields: { code: 'UPSTREAM_UNAVAILABLE', errCode: -501001 } }]);
  });
});
