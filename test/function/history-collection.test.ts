import { HOUR_MS } from '../../src/core/balance-points';
import { HISTORY_MAX_POINTS_PER_HOUR } from '../../src/core/thin-history';
import { collectionAccess } from '../../src/function/database';
import { createDatabaseHistory, HISTORY_COLLECTION } from '../../src/function/history-collection';
import { FakeClock } from '../../src/emulator/fake-clock';
import { captureLog } from '../support/function-harness';
import { MemoryDatabase } from '../support/memory-database';

const YTO = { deliveryId: 'YTO', bizId: '韵达 01' };
const KEY = `YTO:${encodeURIComponent('韵达 01')}`;
const ZTO = { deliveryId: 'ZTO', bizId: 'Z1' };

function setup() {
  const clock = new FakeClock();
  const database = new MemoryDatabase(clock);
  const { log, logs } = captureLog();
  const history = createDatabaseHistory(
    collectionAccess(() => database, HISTORY_COLLECTION),
    clock,
    log,
  );
  return { clock, database, history, logs, now: clock.now() };
}

describe('the balance history in the cloud database', () => {
  it('reads nothing, and creates nothing, before the first reading', async () => {
    const { history, database } = setup();
    expect(await history.read([YTO], 0)).toEqual(new Map());
    expect(await history.latest([YTO])).toEqual(new Map());
    expect(database.collections.has(HISTORY_COLLECTION)).toBe(false);
  });

  it('creates the collection on the first reading and keeps one document per account, with its latest reading beside the points', async () => {
    const { history, database, now } = setup();
    await history.record([{ ...YTO, at: now - HOUR_MS, quotaNum: 300 }]);
    await history.record([{ ...YTO, at: now, quotaNum: 280 }]);
    expect(database.documents(HISTORY_COLLECTION)).toEqual([
      {
        _id: KEY,
        ...YTO,
        points: [
          [now - HOUR_MS, 300],
          [now, 280],
        ],
        latest: [now, 280],
        rev: 2,
      },
    ]);
    expect(await history.read([YTO], now - HOUR_MS / 2)).toEqual(new Map([[KEY, [{ at: now, quotaNum: 280 }]]]));
    expect(await history.latest([YTO])).toEqual(new Map([[KEY, { at: now, quotaNum: 280 }]]));
  });

  it('thins as it writes: at most four readings in a clock hour', async () => {
    const { history, database, now } = setup();
    const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
    for (let minute = 0; minute < 12; minute += 1)
      await history.record([{ ...YTO, at: hour + minute * 60_000, quotaNum: 500 - minute }]);
    const [document] = database.documents(HISTORY_COLLECTION) as unknown as Array<{ points: Array<[number, number]> }>;
    expect(document!.points.length).toBeLessThanOrEqual(HISTORY_MAX_POINTS_PER_HOUR);
    // The hour's first and last readings stay, so its usage is kept whole.
    expect([document!.points[0], document!.points.at(-1)]).toEqual([
      [hour, 500],
      [hour + 11 * 60_000, 489],
    ]);
  });

  it('ignores documents a user wrote, readings from the future and negative balances, and says how to lock the collection', async () => {
    const { history, database, logs, now } = setup();
    database.plant(HISTORY_COLLECTION, {
      _id: KEY,
      points: [
        [now - HOUR_MS, 50],
        [now + 30 * 24 * HOUR_MS, 1],
        [now - 2 * HOUR_MS, -5],
      ],
      latest: [now + 30 * 24 * HOUR_MS, 1],
    });
    database.plant(HISTORY_COLLECTION, { _id: 'ZTO:Z1', _openid: 'oUser', points: [[now, 1]], latest: [now, 1] });
    expect(await history.read([YTO, { deliveryId: 'ZTO', bizId: 'Z1' }], 0)).toEqual(
      new Map([[KEY, [{ at: now - HOUR_MS, quotaNum: 50 }]]]),
    );
    expect(await history.latest([YTO])).toEqual(new Map());
    expect(logs.some((line) => String(line.fields?.fix).includes('仅管理端可读写'))).toBe(true);
  });

  it('records over what the invocation already read, without reading the documents again', async () => {
    const { history, database, now } = setup();
    database.plant(HISTORY_COLLECTION, {
      _id: KEY,
      ...YTO,
      points: [[now - HOUR_MS, 300]],
      latest: [now - HOUR_MS, 300],
    });
    const stored = await history.load([YTO, ZTO]);
    const reads = database.calls.filter((call) => call === 'get').length;
    await history.record(
      [
        { ...YTO, at: now, quotaNum: 280 },
        { ...ZTO, at: now, quotaNum: 7 },
      ],
      { stored },
    );
    expect(database.calls.filter((call) => call === 'get').length).toBe(reads);
    expect(database.documents(HISTORY_COLLECTION).map(({ _id, points }) => [_id, points])).toEqual([
      [
        KEY,
        [
          [now - HOUR_MS, 300],
          [now, 280],
        ],
      ],
      ['ZTO:Z1', [[now, 7]]],
    ]);
  });

  it.each([
    ['no document yet', undefined],
    [
      'a document of an earlier version (no revision)',
      {
        _id: KEY,
        ...YTO,
        points: [[Date.UTC(2026, 10, 29, 0, 0, 0), 300]],
        latest: [Date.UTC(2026, 10, 29, 0, 0, 0), 300],
      },
    ],
    [
      'a document at some revision',
      {
        _id: KEY,
        ...YTO,
        points: [[Date.UTC(2026, 10, 29, 0, 0, 0), 300]],
        latest: [Date.UTC(2026, 10, 29, 0, 0, 0), 300],
        rev: 4,
      },
    ],
  ])('two invocations recording the same account at once both keep their readings: %s', async (_name, planted) => {
    const { clock, database, now } = setup();
    if (planted) database.plant(HISTORY_COLLECTION, planted);
    database.latencyMs = 100;
    const { log } = captureLog();
    // Two instances: both read the same document, then each writes its reading on top of it.
    const first = createDatabaseHistory(
      collectionAccess(() => database, HISTORY_COLLECTION),
      clock,
      log,
    );
    const second = createDatabaseHistory(
      collectionAccess(() => database, HISTORY_COLLECTION),
      clock,
      log,
    );
    await clock.run(
      Promise.all([
        first.record([{ ...YTO, at: now - 60_000, quotaNum: 290 }]),
        second.record([{ ...YTO, at: now, quotaNum: 280 }]),
      ]),
    );
    const [document] = database.documents(HISTORY_COLLECTION) as unknown as Array<{
      points: Array<[number, number]>;
      latest: [number, number];
    }>;
    expect(document!.points.slice(-2)).toEqual([
      [now - 60_000, 290],
      [now, 280],
    ]);
    expect(document!.latest).toEqual([now, 280]);
  });

  it("replaces a document that cannot be ours with the account's own history", async () => {
    const { history, database, now } = setup();
    database.plant(HISTORY_COLLECTION, {
      _id: KEY,
      _openid: 'oUser',
      points: [[now - HOUR_MS, 1]],
      latest: [now - HOUR_MS, 1],
      rev: 7,
    });
    await history.record([{ ...YTO, at: now, quotaNum: 280 }]);
    expect(database.documents(HISTORY_COLLECTION)).toEqual([
      { _id: KEY, ...YTO, points: [[now, 280]], latest: [now, 280], rev: 1 },
    ]);
  });

  it('does not start a write it cannot finish before the deadline', async () => {
    const { history, database, now } = setup();
    await expect(
      history.record([{ ...YTO, at: now, quotaNum: 1 }], {
        stored: { points: new Map(), revisions: new Map([[KEY, 'absent']]) },
        deadline: now + 100,
      }),
    ).rejects.toThrow(/not started/);
    expect(database.calls).toEqual([]);
  });

  it('throws what the database throws, for the caller to log and answer without history', async () => {
    const { history, database, now } = setup();
    database.fail({ errCode: -502001, errMsg: 'database request fail' });
    await expect(history.record([{ ...YTO, at: now, quotaNum: 1 }])).rejects.toMatchObject({ errCode: -502001 });
  });
});
