import {
  ALERT_COLLECTION,
  OWED_DOCUMENT_ID,
  alertKey,
  createDatabaseAlertMemory,
} from '../../src/function/alert-memory';
import { collectionAccess } from '../../src/function/database';
import { FakeClock } from '../../src/emulator/fake-clock';
import { captureLog } from '../support/function-harness';
import { MemoryDatabase } from '../support/memory-database';

function memoryOver(database: MemoryDatabase, clock: FakeClock) {
  const { log, logs } = captureLog();
  return {
    memory: createDatabaseAlertMemory(
      collectionAccess(() => database, ALERT_COLLECTION),
      clock,
      log,
    ),
    logs,
  };
}

describe('createDatabaseAlertMemory', () => {
  const clock = new FakeClock();
  const NOW = clock.now();

  it('saves, loads by key and forgets records, and keeps the admins still owed a message', async () => {
    const database = new MemoryDatabase(clock);
    const { memory } = memoryOver(database, clock);
    await memory.save('ZTO:Z1', { quotaNum: 12, alertedAt: 1000 });
    await memory.setOwed(['oA', 'oB']);
    expect(await memory.load(['ZTO:Z1', 'YTO:other'])).toEqual({
      records: new Map([['ZTO:Z1', { quotaNum: 12, alertedAt: 1000 }]]),
      owed: ['oA', 'oB'],
    });
    await memory.forget('ZTO:Z1');
    await memory.setOwed([]);
    expect(await memory.load(['ZTO:Z1'])).toEqual({ records: new Map(), owed: [] });
    expect(database.documents(ALERT_COLLECTION)).toEqual([]);
  });

  it('reads a missing collection as an empty memory without creating it, and creates it on the first write', async () => {
    const database = new MemoryDatabase(clock);
    const { memory } = memoryOver(database, clock);
    expect(await memory.load(['YTO:xyz'])).toEqual({ records: new Map(), owed: [] });
    expect(database.collections.has(ALERT_COLLECTION)).toBe(false);
    await memory.save('YTO:xyz', { quotaNum: 1, alertedAt: 2 });
    expect(database.documents(ALERT_COLLECTION)).toEqual([{ _id: 'YTO:xyz', quotaNum: 1, alertedAt: 2 }]);
  });

  it('treats "collection already exists" on creation as success: another run created it first', async () => {
    const database = new MemoryDatabase(clock);
    database.fail({ errCode: -502005, errMsg: 'DATABASE_COLLECTION_NOT_EXIST' }, { operation: 'set', times: 1 });
    database.plant(ALERT_COLLECTION, { _id: 'seed' });
    const { memory } = memoryOver(database, clock);
    await memory.save('ZTO:Z1', { quotaNum: 3, alertedAt: 4 });
    expect(database.calls).toEqual(['set', 'createCollection', 'set']);
    expect(database.documents(ALERT_COLLECTION)).toContainEqual({ _id: 'ZTO:Z1', quotaNum: 3, alertedAt: 4 });
  });

  it('ignores, and logs, documents that cannot be ours: a future alert, a negative balance, a user-written one', async () => {
    const database = new MemoryDatabase(clock);
    const keys = ['ZTO:future', 'ZTO:negative', 'ZTO:user', 'ZTO:junk', 'ZTO:good'];
    database.plant(ALERT_COLLECTION, { _id: 'ZTO:future', quotaNum: 5, alertedAt: NOW + 365 * 86_400_000 });
    database.plant(ALERT_COLLECTION, { _id: 'ZTO:negative', quotaNum: -1, alertedAt: NOW });
    database.plant(ALERT_COLLECTION, { _id: 'ZTO:user', quotaNum: 5, alertedAt: NOW, _openid: 'oIntruder' });
    database.plant(ALERT_COLLECTION, { _id: 'ZTO:junk', quotaNum: 'many', alertedAt: NOW });
    database.plant(ALERT_COLLECTION, { _id: OWED_DOCUMENT_ID, admins: ['oEvil'], _openid: 'oIntruder' });
    database.plant(ALERT_COLLECTION, { _id: 'ZTO:good', quotaNum: 5, alertedAt: NOW - 1000 });
    const { memory, logs } = memoryOver(database, clock);
    expect(await memory.load(keys)).toEqual({
      records: new Map([['ZTO:good', { quotaNum: 5, alertedAt: NOW - 1000 }]]),
      owed: [],
    });
    expect(
      logs
        .filter((line) => line.message === 'alert memory: ignored a document that cannot be ours')
        .map((line) => line.fields?.id),
    ).toEqual(['ZTO:future', 'ZTO:negative', 'ZTO:user', 'ZTO:junk', OWED_DOCUMENT_ID]);
    expect(logs[0]?.fields?.fix).toContain('仅管理端可读写');
  });

  it('reads only the accounts at hand, so 1,500 junk documents cannot push a real record out', async () => {
    const database = new MemoryDatabase(clock);
    for (let index = 0; index < 1500; index += 1)
      database.plant(ALERT_COLLECTION, { _id: `junk-${index}`, quotaNum: 1, alertedAt: 1 });
    database.plant(ALERT_COLLECTION, { _id: alertKey('ZTO', 'Z1'), quotaNum: 9, alertedAt: NOW });
    const { memory } = memoryOver(database, clock);
    expect((await memory.load([alertKey('ZTO', 'Z1')])).records).toEqual(
      new Map([['ZTO:Z1', { quotaNum: 9, alertedAt: NOW }]]),
    );
  });

  it('reads more accounts than one query answers in several queries', async () => {
    const database = new MemoryDatabase(clock);
    const keys = Array.from({ length: 2500 }, (_, index) => alertKey('YTO', `B${index}`));
    for (const key of keys) database.plant(ALERT_COLLECTION, { _id: key, quotaNum: 1, alertedAt: NOW });
    const { memory } = memoryOver(database, clock);
    expect((await memory.load(keys)).records.size).toBe(2500);
  });

  it('throws what the database throws: the alert run decides what a failure means', async () => {
    const database = new MemoryDatabase(clock);
    database.fail({ errCode: -501001, errMsg: 'timeout' });
    await expect(memoryOver(database, clock).memory.load(['ZTO:Z1'])).rejects.toMatchObject({ errCode: -501001 });
  });
});
