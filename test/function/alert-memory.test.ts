import { accountKey, adminKey, legacyAccountKey } from '../../src/core/accounts/account-key';
import { FakeClock } from '../../emulator/fake-clock';
import {
  createAlertMemory,
  InstanceAlertMemory,
  MEMORY_COPY_ID,
  MEMORY_DOCUMENT_ID,
  type AlertMemorySnapshot,
} from '../../src/function/alerts/memory';
import { ALERT_COLLECTION, HISTORY_COLLECTION } from '../../src/contract/values';
import { collectionAccess } from '../../src/function/database';
import { captureLog } from '../support/function-harness';
import { CloudDatabase } from '../../emulator/cloud-database';
import type { DatabaseFault } from '../../emulator/db-faults';
import { createInProcessDatabase } from '../../emulator/in-process-database';

const SYS_ERR: DatabaseFault = { code: 'SYS_ERR', message: 'system error' };
const YTO = accountKey({ deliveryId: 'YTO', bizId: 'xyz' });
const LISTED = [{ deliveryId: 'YTO', bizId: 'xyz' }];
const ZTO = accountKey({ deliveryId: 'ZTO', bizId: 'ZT10086' });

function memoryOver(database: CloudDatabase, clock: FakeClock, instance = new InstanceAlertMemory()) {
  const { log, logs } = captureLog();
  const open = () => createInProcessDatabase(database, clock);
  const memory = createAlertMemory(
    collectionAccess(open, ALERT_COLLECTION),
    collectionAccess(open, HISTORY_COLLECTION),
    instance,
    clock,
    log,
  );
  return { memory, logs, instance };
}

const state = (writtenAt: number, records: Array<[string, number]> = [], owed: string[] = []): AlertMemorySnapshot => ({
  records: new Map(records.map(([key, quotaNum]) => [key, { quotaNum, alertedAt: writtenAt }])),
  owed: new Set(owed),
  writtenAt,
  legacyMigrated: true,
});

describe('the alert memory', () => {
  const clock = new FakeClock();
  const NOW = clock.now();

  it('saves one small document in each collection, names no account or admin in clear, and loads it back', async () => {
    const database = new CloudDatabase(clock.now);
    const { memory } = memoryOver(database, clock);
    expect(await memory.save(state(NOW, [[YTO, 12]], [adminKey('oAdmin1')]))).toBe(2);
    const loaded = await memory.load(LISTED);
    expect(loaded).toMatchObject({ copiesRead: 2, late: false, stale: false, legacyIds: [] });
    expect(loaded.snapshot).toEqual(state(NOW, [[YTO, 12]], [adminKey('oAdmin1')]));
    const stored = JSON.stringify([...database.documents(ALERT_COLLECTION), ...database.documents(HISTORY_COLLECTION)]);
    expect(stored).not.toContain('xyz');
    expect(stored).not.toContain('oAdmin1');
    expect(database.documents(ALERT_COLLECTION).map((document) => document._id)).toEqual([MEMORY_DOCUMENT_ID]);
    expect(database.documents(HISTORY_COLLECTION).map((document) => document._id)).toEqual([MEMORY_COPY_ID]);
  });

  it('reads missing collections as an empty memory without creating them', async () => {
    const database = new CloudDatabase(clock.now);
    const { memory } = memoryOver(database, clock);
    expect((await memory.load(LISTED)).snapshot).toEqual(state(0));
    expect(database.collections.size).toBe(0);
  });

  it('keeps the newer state: a stale run never rolls a newer one back', async () => {
    const database = new CloudDatabase(clock.now);
    const { memory } = memoryOver(database, clock);
    await memory.save(state(NOW, [[YTO, 12]]));
    expect(await memory.save(state(NOW - 1000, [[ZTO, 5]]))).toBe(0);
    expect((await memory.load(LISTED)).snapshot).toEqual(state(NOW, [[YTO, 12]]));
  });

  it('reads and writes the other copy while one collection fails, and brings both up to date later', async () => {
    const database = new CloudDatabase(clock.now);
    const { memory } = memoryOver(database, clock);
    await memory.save(state(NOW - 5000, [[ZTO, 40]]));
    database.faults.add({ ...SYS_ERR, collection: ALERT_COLLECTION, times: 2 });
    expect(await memory.save(state(NOW, [[YTO, 12]]))).toBe(1);
    const loaded = await memory.load(LISTED);
    expect(loaded).toMatchObject({ copiesRead: 1, stale: true });
    expect(loaded.snapshot).toEqual(state(NOW, [[YTO, 12]]));
    const healed = await memoryOver(database, clock).memory.load(LISTED);
    expect(healed).toMatchObject({ copiesRead: 2, stale: true });
    expect(healed.snapshot).toEqual(state(NOW, [[YTO, 12]]));
  });

  it('falls back on what the instance remembers when neither copy can be read, and says so', async () => {
    const database = new CloudDatabase(clock.now);
    const { memory, logs } = memoryOver(database, clock);
    database.faults.add(SYS_ERR);
    expect(await memory.save(state(NOW, [[YTO, 12]]))).toBe(0);
    const loaded = await memory.load(LISTED);
    expect(loaded).toMatchObject({ copiesRead: 0, late: false });
    expect(loaded.snapshot).toEqual(state(NOW, [[YTO, 12]]));
    expect(logs.map((line) => line.message)).toContain(
      'alert memory: neither copy could be read; this instance remembers what it sent',
    );
  });

  it('ignores documents a mini-program user wrote or that cannot be a memory, and replaces them', async () => {
    const database = new CloudDatabase(clock.now);
    database.plant(ALERT_COLLECTION, [
      {
        _id: MEMORY_DOCUMENT_ID,
        writtenAt: NOW,
        accounts: {},
        owed: [],
        _openid: 'oX',
      },
    ]);
    database.plant(HISTORY_COLLECTION, [{ _id: MEMORY_COPY_ID, writtenAt: NOW + 86_400_000, accounts: {}, owed: [] }]);
    const { memory, logs } = memoryOver(database, clock);
    expect((await memory.load(LISTED)).snapshot).toEqual(state(0));
    expect(logs.filter((line) => line.message.includes('cannot be ours'))).toHaveLength(2);
    expect(await memory.save(state(NOW, [[YTO, 3]]))).toBe(2);
    expect(database.documents(ALERT_COLLECTION)[0]).not.toHaveProperty('_openid');
  });

  it("carries the first release's records and owed admins over, under hashed keys, and removes them", async () => {
    const database = new CloudDatabase(clock.now);
    database.plant(ALERT_COLLECTION, [
      {
        _id: legacyAccountKey({ deliveryId: 'YTO', bizId: 'xyz' }),
        quotaNum: 12,
        alertedAt: NOW - 1000,
      },
    ]);
    database.plant(ALERT_COLLECTION, [{ _id: 'owed-admins', admins: ['oAdmin1'] }]);
    database.plant(ALERT_COLLECTION, [{ _id: 'alerts-run', owner: 'x', expiresAt: NOW }]);
    const { memory } = memoryOver(database, clock);
    const listed = [{ deliveryId: 'YTO', bizId: 'xyz' }];
    const loaded = await memory.load(listed);
    expect(loaded.snapshot.records).toEqual(new Map([[YTO, { quotaNum: 12, alertedAt: NOW - 1000 }]]));
    expect(loaded.snapshot.owed).toEqual(new Set([adminKey('oAdmin1')]));
    expect(loaded.legacyIds.sort()).toEqual(['YTO:xyz', 'owed-admins']);
    expect(loaded.snapshot.legacyMigrated).toBe(false);
    await memory.save({ ...loaded.snapshot, writtenAt: NOW });
    await memory.removeLegacy(loaded.legacyIds);
    // The next run finds none left, says so once, and stops looking.
    const next = await memory.load(listed);
    expect(next).toMatchObject({ legacyIds: [], stale: true, snapshot: { legacyMigrated: true } });
    await memory.save({ ...next.snapshot, writtenAt: NOW + 1 });
    expect(await memory.load(listed)).toMatchObject({ stale: false, legacyIds: [] });
    expect(
      database
        .documents(ALERT_COLLECTION)
        .map((document) => document._id)
        .sort(),
    ).toEqual(['alerts-run', MEMORY_DOCUMENT_ID]);
  });
});
