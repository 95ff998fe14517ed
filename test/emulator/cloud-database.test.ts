import { startEmulator, type Emulator } from '../../emulator/emulator';
import { callers } from '../../emulator/runtime';
import { isDuplicateId } from '../../src/function/database';
import { emulatorNode } from '../support/built-function';
import { SDK_SCRIPT_FUNCTION, fakeFunctions } from '../support/fake-function';

type Outcome = { value?: unknown; errCode?: number; errMsg?: string };

/** The real wx-server-sdk's database API, driven through the emulator's cloud face. */
describe('the cloud database, through the real SDK', () => {
  const functions = fakeFunctions();
  let emulator: Emulator;
  const run = (code: string) => emulator.invoke({ code }, callers.user('oU')) as Promise<Outcome>;
  const database = () => emulator.model.database;

  beforeAll(async () => {
    emulator = await startEmulator({
      functionDir: await functions.create(SDK_SCRIPT_FUNCTION),
      nodePath: emulatorNode(),
    });
  });
  afterEach(() => {
    database().collections.clear();
    database().faults.clear();
  });
  afterAll(async () => {
    await emulator.close();
    await functions.cleanup();
  });

  it('answers -502005 for reading or writing a collection that does not exist, and creates nothing', async () => {
    expect(await run("return db.collection('nope').get()")).toMatchObject({ errCode: -502005 });
    expect(await run("return db.collection('nope').add({ data: { a: 1 } })")).toMatchObject({ errCode: -502005 });
    expect(database().collections.has('nope')).toBe(false);
  });

  it('fails creating a collection that exists, which wx-server-sdk 4.0.2 hands over as -1 with the code in its message', async () => {
    expect(await run("return db.createCollection('c')")).toMatchObject({ value: { errMsg: 'createCollection:ok' } });
    expect(await run("return db.createCollection('c')")).toEqual({
      errCode: -1,
      errMsg:
        'createCollection:fail -501001 resource system error. [ResourceUnavailable.ResourceExist] Table exist. DATABASE_COLLECTION_ALREADY_EXIST',
    });
  });

  it('returns at most 1,000 documents per query, 100 without a limit, and pages with skip', async () => {
    database().plant(
      'many',
      Array.from({ length: 1501 }, (_, n) => ({ n })),
    );
    expect(await run("return (await db.collection('many').limit(1000).get()).data.length")).toEqual({ value: 1000 });
    expect(await run("return (await db.collection('many').limit(5000).get()).data.length")).toEqual({ value: 1000 });
    expect(await run("return (await db.collection('many').get()).data.length")).toEqual({ value: 100 });
    expect(
      await run(
        "return (await db.collection('many').orderBy('n', 'asc').skip(1000).limit(1000).get()).data.map((d) => d.n).slice(0, 2)",
      ),
    ).toEqual({ value: [1000, 1001] });
    expect(await run("return (await db.collection('many').count()).total")).toEqual({ value: 1501 });
  });

  it('filters with the command operators, orders, and projects fields', async () => {
    database().plant('q', [
      { _id: 'a', n: 1, tag: 'x' },
      { _id: 'b', n: 5, tag: 'y', extra: true },
      { _id: 'c', n: 9, tag: 'z' },
    ]);
    const ids = (where: string) =>
      run(`return (await db.collection('q').where(${where}).orderBy('n', 'desc').get()).data.map((d) => d._id)`);
    expect(await ids('{ n: _.gt(1) }')).toEqual({ value: ['c', 'b'] });
    expect(await ids('{ n: _.gte(5).and(_.lte(5)) }')).toEqual({ value: ['b'] });
    expect(await ids('{ n: _.lt(5) }')).toEqual({ value: ['a'] });
    expect(await ids('{ tag: _.in(["x", "z"]) }')).toEqual({ value: ['c', 'a'] });
    expect(await ids('{ tag: _.nin(["x", "z"]) }')).toEqual({ value: ['b'] });
    expect(await ids('{ tag: _.neq("y") }')).toEqual({ value: ['c', 'a'] });
    expect(await ids('{ tag: _.eq("y") }')).toEqual({ value: ['b'] });
    expect(await ids('{ extra: _.exists(true) }')).toEqual({ value: ['b'] });
    expect(await ids('_.or([{ n: 1 }, { tag: "z" }])')).toEqual({ value: ['c', 'a'] });
    expect(await ids('_.and([{ n: _.gt(0) }, { n: _.lt(9) }])')).toEqual({ value: ['b', 'a'] });
    expect(await run("return (await db.collection('q').where({ _id: 'b' }).field({ n: true }).get()).data")).toEqual({
      value: [{ _id: 'b', n: 5 }],
    });
  });

  it('adds, reads, sets, updates with operators and removes documents', async () => {
    database().createCollection('d');
    const added = (await run("return (await db.collection('d').add({ data: { n: 1, list: [] } }))._id")) as {
      value: string;
    };
    expect(added.value).toMatch(/^[0-9a-f]{32}$/);
    await run(
      `await db.collection('d').doc('${added.value}').update({ data: { n: _.inc(2), list: _.push('x'), gone: _.remove() } })`,
    );
    expect(await run(`return (await db.collection('d').doc('${added.value}').get()).data`)).toEqual({
      value: { _id: added.value, n: 3, list: ['x'] },
    });
    expect(await run("return (await db.collection('d').doc('fixed').set({ data: { n: 7 } })).stats")).toEqual({
      value: { updated: 0, created: 1 },
    });
    expect(await run("return (await db.collection('d').doc('fixed').set({ data: { m: 8 } })).stats")).toEqual({
      value: { updated: 1, created: 0 },
    });
    expect(
      database()
        .documents('d')
        .find((document) => document._id === 'fixed'),
    ).toEqual({ _id: 'fixed', m: 8 });
    expect(await run("return (await db.collection('d').doc('fixed').remove()).stats")).toEqual({
      value: { removed: 1 },
    });
    expect(await run("return db.collection('d').doc('fixed').get()")).toMatchObject({
      errMsg: expect.stringContaining('does not exist'),
    });
    expect(await run("return (await db.collection('d').where({ n: _.gt(0) }).remove()).stats")).toEqual({
      value: { removed: 1 },
    });
  });

  it('makes a conditional write testable: compare-and-set, and a claim that expires', async () => {
    database().plant('claims', [{ _id: 'run', owner: null, until: 0 }]);
    const claim = (owner: string, now: number) =>
      run(
        `return (await db.collection('claims').where({ _id: 'run', until: _.lt(${now}) })` +
          `.update({ data: { owner: '${owner}', until: ${now + 60_000} } })).stats.updated`,
      );
    expect(await claim('first', 1_000)).toEqual({ value: 1 });
    expect(await claim('second', 2_000)).toEqual({ value: 0 });
    expect(await claim('second', 61_001)).toEqual({ value: 1 });
    expect(database().documents('claims')).toEqual([{ _id: 'run', owner: 'second', until: 121_001 }]);
    expect(await run("return db.collection('claims').add({ data: { _id: 'run' } })")).toMatchObject({
      errCode: -502001,
    });
  });

  it('versions a document: an update only over the revision read (or none yet) replaces its arrays whole; a second insert is E11000', async () => {
    database().plant('h', [
      {
        _id: 'YTO:x',
        points: [
          [1, 9],
          [2, 8],
          [3, 7],
        ],
        latest: [3, 7],
      },
    ]);
    const write = (revision: string, next: number) =>
      run(
        `return (await db.collection('h').where({ _id: 'YTO:x', rev: ${revision} })` +
          `.update({ data: { points: [[1, 9], [4, ${next}]], latest: [4, ${next}], rev: 1 } })).stats.updated`,
      );
    expect(await write('_.exists(false)', 6)).toEqual({ value: 1 });
    expect(await write('_.exists(false)', 5)).toEqual({ value: 0 });
    expect(database().documents('h')).toEqual([
      {
        _id: 'YTO:x',
        points: [
          [1, 9],
          [4, 6],
        ],
        latest: [4, 6],
        rev: 1,
      },
    ]);
    const again = await run("return db.collection('h').add({ data: { _id: 'YTO:x', points: [] } })");
    expect(again).toMatchObject({ errCode: -502001 });
    expect(isDuplicateId(again)).toBe(true);
    expect(isDuplicateId(await run("return db.collection('nope').add({ data: { _id: 'a' } })"))).toBe(false);
  });

  it('keeps the _openid of documents a mini-program user wrote', async () => {
    database().plant('mixed', [{ _id: 'mine', v: 1 }]);
    database().plant('mixed', [{ _id: 'theirs', v: 2 }], { openid: 'oSomeUser' });
    expect(await run("return (await db.collection('mixed').where({ _openid: _.exists(true) }).get()).data")).toEqual({
      value: [{ _id: 'theirs', v: 2, _openid: 'oSomeUser' }],
    });
  });

  it('misbehaves as programmed: an error code, latency, a lost connection, a write whose answer is lost', async () => {
    database().plant('f', [{ _id: 'x', n: 1 }]);
    database().faults.add({
      action: 'database.getDocument',
      collection: 'f',
      code: 'DATABASE_PERMISSION_DENIED',
      times: 1,
    });
    expect(await run("return db.collection('f').get()")).toMatchObject({ errCode: -502003 });
    database().faults.add({ action: 'database.getDocument', latencyMs: 300, times: 1 });
    const started = Date.now();
    expect(await run("return (await db.collection('f').get()).data.length")).toEqual({ value: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    database().faults.add({ action: 'database.getDocument', drop: true, times: 1 });
    expect(await run("return db.collection('f').get()")).toMatchObject({ errCode: expect.any(Number) });
    database().faults.add({ action: 'database.modifyDocument', dropAfterProcessing: true, times: 1 });
    expect(await run("return db.collection('f').doc('x').update({ data: { n: 2 } })")).toMatchObject({
      errCode: expect.any(Number),
    });
    expect(database().documents('f')).toEqual([{ _id: 'x', n: 2 }]);
  });

  it('records every request with its invocation and whether it arrived after the answer', async () => {
    database().createCollection('r');
    await run("return db.collection('r').get()");
    expect(database().requests.at(-1)).toMatchObject({
      action: 'database.getDocument',
      collection: 'r',
      invocationId: expect.stringMatching(/^1\.\d+$/),
      afterAnswer: false,
    });
  });
});
