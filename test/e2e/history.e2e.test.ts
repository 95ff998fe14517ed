import { HISTORY_MAX_POINTS_PER_HOUR } from '../../src/core/forecast/thin-history';
import type { Emulator } from '../../emulator/emulator';
import { callers } from '../../emulator/runtime';
import type { AccountsResult, HistoryResult } from '../../src/contract/answers';
import { LAYOUT_DOCUMENT_ID } from '../../src/function/history/layout';
import { HISTORY_COLLECTION } from '../../src/contract/values';
import {
  fallingPairs,
  HOUR,
  historyDocuments,
  hourlyPairs,
  legacyHistoryDocument,
  steadyPairs,
  storedPairs,
  withReadings,
  ytoAccounts,
} from '../support/history-kit';
import { ADMIN, startSampleEmulator } from './emulator-harness';
import { lowBalanceMessage } from '../support/low-balance-message';

const TIMER = { Type: 'Timer', TriggerName: 'quotaCheck' };
const YTO = { deliveryId: 'YTO', bizId: 'xyz' };
const ZTO = { deliveryId: 'ZTO', bizId: 'ZT10086' };
const YUNDA = { deliveryId: 'YUNDA', bizId: '韵达义乌网点01' };

function dataOf<T>(result: unknown): T {
  expect(result).toMatchObject({ ok: true });
  return (result as { data: T }).data;
}

describe('balance history, the built bundle in the emulator', () => {
  let emulator: Emulator;
  afterEach(async () => {
    expect(emulator.instance.unhandledRejections).toEqual([]);
    await emulator.close();
  });
  const asAdmin = (event: unknown) => emulator.invoke(event, callers.user(ADMIN));
  const stored = () => emulator.model.database.documents(HISTORY_COLLECTION);

  it('records every live balance of { all: true } and of a timer run, created on first use, never a snapshot', async () => {
    emulator = await startSampleEmulator();
    emulator.model.addFault({ api: 'logistics.getQuota', bizId: 'ZT10086', errcode: 9300502 });
    const before = Date.now();
    const data = dataOf<AccountsResult>(await asAdmin({ all: true }));
    expect(data.accounts.find((account) => account.bizId === 'ZT10086')?.quotaSource).toBe('snapshot');
    const yto = storedPairs(emulator.model.database, YTO);
    expect(yto).toHaveLength(1);
    expect(yto[0]![1]).toBe(210);
    expect(yto[0]![0]).toBeGreaterThanOrEqual(before);
    expect(storedPairs(emulator.model.database, YUNDA)).toHaveLength(1);
    expect(storedPairs(emulator.model.database, ZTO)).toEqual([]);
    emulator.model.clearFaults();
    emulator.model.database.collections.get(HISTORY_COLLECTION)!.clear();
    const timer = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(timer.history).toEqual({ kept: 3, notKept: [], profiles: expect.any(Number) });
    for (const account of [YTO, ZTO, YUNDA]) expect(storedPairs(emulator.model.database, account)).toHaveLength(1);
  });

  it('names no customer code in any stored document', async () => {
    emulator = await startSampleEmulator();
    dataOf<AccountsResult>(await asAdmin({ all: true }));
    dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    const text = JSON.stringify(stored());
    for (const code of ['xyz', 'ZT10086', '韵达义乌网点01', encodeURIComponent('韵达义乌网点01')])
      expect(text).not.toContain(code);
  });

  it('answers a forecast from stored history, and the history event its points', async () => {
    emulator = await startSampleEmulator({ functionEnv: { QUOTA_ALERT_DAYS: '2' } });
    // YTO/xyz used 10 waybills an hour for three days, down to 220 an hour ago; it is 210 now.
    const now = Date.now();
    emulator.model.database.plant(
      HISTORY_COLLECTION,
      historyDocuments([{ ...YTO, points: hourlyPairs(72, 220, 10, now - HOUR) }], now),
    );
    const data = dataOf<AccountsResult>(await asAdmin({ all: true }));
    expect(data.alertDays).toBe(2);
    const yto = data.accounts.find((account) => account.bizId === 'xyz')!;
    expect(yto.forecast.dailyUsage).toBeCloseTo(240, 0);
    expect(yto.forecast.daysLeft).toBeCloseTo(210 / 240, 1);
    expect(data.accounts.find((account) => account.bizId === 'ZT10086')?.forecast).toEqual({
      dailyUsage: null,
      daysLeft: null,
      runsOutAt: null,
      basedOnHours: 0,
    });

    const history = dataOf<HistoryResult>(await asAdmin({ history: { ...YTO, days: 1 } }));
    expect(history.points.length).toBeGreaterThanOrEqual(24);
    expect(history.points.at(-1)?.quotaNum).toBe(210);
    expect(history.points.map((point) => Date.parse(point.at))).toEqual(
      [...history.points.map((point) => Date.parse(point.at))].sort((a, b) => a - b),
    );
    expect(history.forecast.daysLeft).toBeCloseTo(210 / 240, 1);
    expect(await asAdmin({ history: { ...YTO, days: 31 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('answers the same when the database keeps a whole field for a dotted projection', async () => {
    const now = Date.now();
    const planted = historyDocuments(
      [
        { ...YTO, points: hourlyPairs(72, 220, 10, now - HOUR) },
        { ...ZTO, points: hourlyPairs(72, 300, 1, now - HOUR) },
      ],
      now,
    );
    const answers = [];
    for (const variant of ['nested', 'whole-field'] as const) {
      emulator = await startSampleEmulator();
      emulator.model.database.dottedProjection = variant;
      emulator.model.database.plant(HISTORY_COLLECTION, structuredClone(planted));
      const history = dataOf<HistoryResult>(await asAdmin({ history: { ...YTO, days: 3 } }));
      answers.push({ points: history.points.map((point) => point.quotaNum), days: history.forecast.daysLeft });
      if (variant === 'nested') await emulator.close();
    }
    expect(answers[1]?.points).toEqual(answers[0]?.points);
    expect(answers[1]?.days).toBeCloseTo(answers[0]?.days ?? Number.NaN, 3);
    expect(answers[0]?.points.length).toBeGreaterThanOrEqual(70);
  });

  it('ignores a summary written by a mini-program user, says how to lock the collection, and stores over it', async () => {
    emulator = await startSampleEmulator();
    const now = Date.now();
    const planted = historyDocuments([{ ...YTO, points: hourlyPairs(72, 5000, 1, now - HOUR) }], now);
    emulator.model.database.plant(HISTORY_COLLECTION, planted, { openid: 'oSomeUser' });
    const data = dataOf<AccountsResult>(await asAdmin({ all: true }));
    expect(data.accounts.find((account) => account.bizId === 'xyz')?.forecast.basedOnHours).toBe(0);
    expect(emulator.instance.logs.join('\n')).toContain('仅管理端可读写');
    expect(storedPairs(emulator.model.database, YTO).map(([, quotaNum]) => quotaNum)).toContain(210);
    const summaries = stored().filter((document) => String(document._id).startsWith('summary-'));
    expect(summaries.every((document) => !('_openid' in document))).toBe(true);
  });

  it('answers accounts beyond the time budget from their latest stored balance', async () => {
    const state = ytoAccounts(300, () => 1000);
    emulator = await startSampleEmulator({ state });
    const readAt = Date.now() - 30 * 60_000;
    emulator.model.database.plant(
      HISTORY_COLLECTION,
      historyDocuments(withReadings(state, () => hourlyPairs(2, 900, 5, readAt))),
    );
    // Slow enough that 300 accounts cannot all be queried in one invocation, however fast the machine.
    emulator.model.addFault({ api: 'logistics.getQuota', latencyMs: 300 });
    const data = dataOf<AccountsResult>(await asAdmin({ all: true }));
    const fromStore = data.accounts.filter((account) => account.quotaSource === 'stored');
    expect(fromStore.length).toBeGreaterThan(0);
    expect(data.accounts.filter((account) => account.quotaSource === 'live').length + fromStore.length).toBe(300);
    // Calls still running at the deadline are abandoned: those show their stored balance with the reason.
    const notReached = fromStore.filter((account) => account.error === undefined);
    expect(notReached.length).toBeGreaterThan(0);
    expect(notReached[0]).toMatchObject({ quotaNum: 900, quotaUpdatedAt: new Date(readAt).toISOString() });
  });

  it('lets a timer run answer recently read accounts from storage without querying them', async () => {
    emulator = await startSampleEmulator();
    emulator.model.database.plant(
      HISTORY_COLLECTION,
      historyDocuments([{ ...YTO, points: hourlyPairs(3, 210, 1, Date.now() - 10 * 60_000) }]),
    );
    const data = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(data.accounts.find((account) => account.bizId === 'xyz')?.quotaSource).toBe('stored');
    expect(emulator.model.callsTo('logistics.getQuota').map((call) => call.params.biz_id)).not.toContain('xyz');
  });

  it('alerts an account over the threshold that runs out within QUOTA_ALERT_DAYS, saying when, once', async () => {
    emulator = await startSampleEmulator({
      functionEnv: { QUOTA_ALERT_TEMPLATE_ID: 'tmpl-e2e', QUOTA_LOW_THRESHOLD: '100' },
    });
    // YTO/xyz (210 now, over the threshold) used 4 waybills an hour for three days: about 2.2 days left.
    const now = Date.now();
    emulator.model.database.plant(
      HISTORY_COLLECTION,
      historyDocuments([{ ...YTO, points: hourlyPairs(72, 214, 4, now - HOUR) }], now),
    );
    const data = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(data.alerts?.alerted.map((account) => [account.deliveryId, account.reason]).sort()).toEqual([
      ['YTO', 'first'],
      ['ZTO', 'first'],
    ]);
    expect(emulator.model.sentMessages).toEqual([
      lowBalanceMessage({
        touser: ADMIN,
        templateId: 'tmpl-e2e',
        accounts: '中通快递 上海仓等2个账号',
        lowest: 12,
        tip: '约2天后用完，请及时充值',
      }),
    ]);
    const again = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(again.alerts?.alerted).toEqual([]);
    expect(emulator.model.sentMessages).toHaveLength(1);
  });
});

describe('first-release documents, carried over on upgrade', () => {
  let emulator: Emulator;
  afterEach(async () => {
    expect(emulator.instance.unhandledRejections).toEqual([]);
    await emulator.close();
  });
  const asAdmin = (event: unknown) => emulator.invoke(event, callers.user(ADMIN));
  const stored = () => emulator.model.database.documents(HISTORY_COLLECTION);

  it('moves a month of history in exactly the first format: same forecast, same points, nothing left in clear', async () => {
    emulator = await startSampleEmulator();
    const now = Date.now();
    const points = hourlyPairs(35 * 24, 220, 1, now - HOUR);
    emulator.model.database.plant(HISTORY_COLLECTION, [
      legacyHistoryDocument(YTO, points, 7),
      legacyHistoryDocument(ZTO, hourlyPairs(72, 13, 1, now - HOUR)),
    ]);
    const before = dataOf<HistoryResult>(await asAdmin({ history: { ...YTO, days: 30 } }));
    expect(before.points.length).toBeGreaterThan(700);

    const data = dataOf<AccountsResult>(await asAdmin({ all: true }));
    expect(data.accounts.find((account) => account.bizId === 'xyz')?.forecast.dailyUsage).toBeCloseTo(24, 0);
    expect(data.accounts.find((account) => account.bizId === 'ZT10086')?.forecast.dailyUsage).toBeCloseTo(24, 0);
    // One shard a read: the two accounts sit in different shards, so the next read moves the other.
    const legacyLeft = () => stored().filter((document) => 'bizId' in document).length;
    expect(legacyLeft()).toBe(1);
    dataOf<AccountsResult>(await asAdmin({ all: true }));
    expect(legacyLeft()).toBe(0);
    expect(JSON.stringify(stored())).not.toContain('xyz');
    expect(JSON.stringify(stored())).not.toContain('ZT10086');
    const after = dataOf<HistoryResult>(await asAdmin({ history: { ...YTO, days: 30 } }));
    expect(after.points.slice(0, before.points.length)).toEqual(before.points);
    expect(after.points.at(-1)?.quotaNum).toBe(210);

    // Nothing left: the next read says so in one small document and stops looking.
    dataOf<AccountsResult>(await asAdmin({ all: true }));
    expect(stored().map((document) => document._id)).toContain(LAYOUT_DOCUMENT_ID);
  });

  it('answers accounts not moved yet from their first-release balance, and moves them a shard at a time', async () => {
    const state = ytoAccounts(60, () => 1000);
    emulator = await startSampleEmulator({ state });
    const readAt = Date.now() - 20 * 60_000;
    emulator.model.database.plant(
      HISTORY_COLLECTION,
      state.accounts.map((account) =>
        legacyHistoryDocument({ deliveryId: 'YTO', bizId: account.bizId }, hourlyPairs(48, 900, 2, readAt)),
      ),
    );
    const legacyLeft = () => stored().filter((document) => 'bizId' in document).length;
    const data = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(data.accounts.every((account) => account.quotaSource === 'stored' && account.quotaNum === 900)).toBe(true);
    expect(legacyLeft()).toBeLessThan(60);
    for (let run = 0; run < 16 && legacyLeft() > 0; run += 1) await emulator.invoke(TIMER, callers.timer());
    expect(legacyLeft()).toBe(0);
    expect(storedPairs(emulator.model.database, { deliveryId: 'YTO', bizId: 'B59' })).toHaveLength(48);
  });

  it('keeps a first-release document another writer changed while it was being moved, and moves it again without a duplicate', async () => {
    emulator = await startSampleEmulator();
    emulator.model.database.plant(HISTORY_COLLECTION, [legacyHistoryDocument(YTO, hourlyPairs(30, 300, 1), 3)]);
    // The old release, still running somewhere, rewrites the document between the read and the removal.
    const document = () => stored().find((candidate) => candidate._id === 'YTO:xyz');
    const original = emulator.model.database.handle.bind(emulator.model.database);
    let rewritten = false;
    emulator.model.database.handle = (action, params, arrival) => {
      if (action === 'database.removeDocument' && !rewritten) {
        rewritten = true;
        Object.assign(document()!, { rev: 4 });
      }
      return original(action, params, arrival);
    };
    dataOf<AccountsResult>(await asAdmin({ all: true }));
    expect(document()).toMatchObject({ rev: 4 });

    dataOf<AccountsResult>(await asAdmin({ all: true }));
    expect(document()).toBeUndefined();
    const moved = stored().flatMap((candidate) =>
      Object.values((candidate.m ?? {}) as Record<string, unknown[]>).flatMap((pairs) => pairs),
    );
    expect(moved).toHaveLength(30);
  });

  it('never puts older readings over newer ones: the latest balance stays the one read after the upgrade', async () => {
    emulator = await startSampleEmulator();
    const now = Date.now();
    // Read by the new release ten minutes ago, at 150; the first release's document ends three hours ago at 300.
    emulator.model.database.plant(HISTORY_COLLECTION, [
      ...historyDocuments([{ ...YTO, points: hourlyPairs(3, 150, 1, now - 10 * 60_000) }], now).filter(
        (document) => document._id !== LAYOUT_DOCUMENT_ID,
      ),
      legacyHistoryDocument(YTO, hourlyPairs(48, 300, 1, now - 3 * HOUR)),
    ]);
    const data = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(data.accounts.find((account) => account.bizId === 'xyz')).toMatchObject({
      quotaSource: 'stored',
      quotaNum: 150,
    });
    expect(stored().some((document) => document._id === 'YTO:xyz')).toBe(false);
    const again = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(again.accounts.find((account) => account.bizId === 'xyz')).toMatchObject({
      quotaSource: 'stored',
      quotaNum: 150,
    });
    expect(storedPairs(emulator.model.database, YTO)).toHaveLength(51);
  });
});

describe('balance history, small reads and no lost reading', () => {
  let emulator: Emulator;
  afterEach(async () => {
    for (const instance of emulator.instances) expect(instance.unhandledRejections).toEqual([]);
    await emulator.close();
  });
  const lastTraffic = () => emulator.model.invocations.records.at(-1)!.database;

  it('reads the same few bytes for a day of history as for a month of it', async () => {
    const now = Date.now();
    const bytesWith = async (days: number) => {
      emulator = await startSampleEmulator();
      emulator.model.database.plant(
        HISTORY_COLLECTION,
        historyDocuments(
          [YTO, ZTO, YUNDA].map((account) => ({
            ...account,
            points: steadyPairs(days * 24 * 4, HOUR / 4, 300, now - HOUR),
          })),
        ),
      );
      dataOf<AccountsResult>(await emulator.invoke({ all: true }, callers.user(ADMIN)));
      const received = lastTraffic().bytesReceived;
      await emulator.close();
      return received;
    };
    const day = await bytesWith(1);
    const month = await bytesWith(35);
    expect(month).toBeLessThan(day * 1.5);
    emulator = await startSampleEmulator();
  });

  it('two instances recording the same accounts at the same time both keep their readings', async () => {
    emulator = await startSampleEmulator();
    emulator.model.database.plant(
      HISTORY_COLLECTION,
      historyDocuments([{ ...YTO, points: hourlyPairs(72, 220, 10, Date.now() - HOUR) }]),
    );
    // Slow enough that both read before either writes.
    emulator.model.database.faults.add({ latencyMs: 200 });
    const second = await emulator.startInstance();
    emulator.model.setQuota('YTO', 'xyz', 205);
    const answers = await Promise.all([
      emulator.invoke({ all: true }, callers.user(ADMIN)),
      second.invoke({ all: true }, callers.user(ADMIN)),
    ]);
    // Every live reading either invocation answered is stored (on a loaded machine one may answer from storage).
    const readings = answers
      .map((answer) => dataOf<AccountsResult>(answer).accounts.find((account) => account.bizId === 'xyz'))
      .filter((account) => account?.quotaSource === 'live')
      .map((account) => Date.parse(account!.quotaUpdatedAt!));
    expect(readings.length).toBeGreaterThan(0);
    // Two readings taken in the same millisecond are one reading (stored once).
    const distinct = [...new Set(readings)].sort((a, b) => a - b).map((at) => [at, 205]);
    expect(storedPairs(emulator.model.database, YTO).filter(([, quotaNum]) => quotaNum === 205)).toEqual(distinct);
  });

  it('loses no reading to one failed write: retried, and a run says which accounts it could not keep', async () => {
    const state = ytoAccounts(40, (index) => 500 + index);
    emulator = await startSampleEmulator({ state });
    emulator.model.database.plant(
      HISTORY_COLLECTION,
      historyDocuments(withReadings(state, () => hourlyPairs(24, 600, 1, Date.now() - 2 * HOUR))),
    );
    emulator.model.database.faults.add({ action: 'database.modifyDocument', code: 'SYS_ERR', times: 1 });
    const data = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(data.history).toMatchObject({ kept: 40, notKept: [] });
    for (const account of state.accounts)
      expect(storedPairs(emulator.model.database, { deliveryId: 'YTO', bizId: account.bizId }).at(-1)?.[1]).toBe(
        account.quotaNum,
      );

    // A database that keeps refusing: every reading not kept is named, in the answer and the log.
    emulator.model.database.faults.add({ action: 'database.modifyDocument', code: 'SYS_ERR' });
    emulator.model.database.faults.add({ action: 'database.insertDocument', code: 'SYS_ERR' });
    emulator.model.database.collections.get(HISTORY_COLLECTION)!.clear();
    const refused = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(refused.history?.kept).toBe(0);
    expect(refused.history?.notKept).toHaveLength(40);
    expect(refused.history?.notKept[0]).toMatchObject({ deliveryId: 'YTO', reason: expect.any(String) });
    expect(refused.history?.notKept.some((account) => account.reason.includes('SYS_ERR'))).toBe(true);
    expect(emulator.instance.logs.join('\n')).toContain('readings not kept');
  });

  it('a timer run over 1,000 accounts with the database at 100 ms a call keeps every live reading it got', async () => {
    const state = ytoAccounts(1000, (index) => 900 + index);
    emulator = await startSampleEmulator({ state });
    emulator.model.database.plant(HISTORY_COLLECTION, historyDocuments([]));
    emulator.model.addFault({ api: 'logistics.getQuota', latencyMs: 20 });
    emulator.model.database.faults.add({ latencyMs: 100 });
    const data = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    const live = data.accounts.filter((account) => account.quotaSource === 'live');
    expect(live.length).toBeGreaterThan(100);
    expect(data.history).toMatchObject({ kept: live.length, notKept: [] });
    for (const account of live)
      expect(storedPairs(emulator.model.database, account).at(-1)).toEqual([
        Date.parse(account.quotaUpdatedAt!),
        account.quotaNum,
      ]);
  }, 30_000);

  it('five page reads at once over 20 accounts keep every reading the hourly cap allows', async () => {
    const state = ytoAccounts(20, () => 700);
    emulator = await startSampleEmulator({ state });
    emulator.model.database.faults.add({ latencyMs: 30 });
    const instances = [emulator.instance, ...(await Promise.all([1, 2, 3, 4].map(() => emulator.startInstance())))];
    const answers = await Promise.all(instances.map((instance) => instance.invoke({ all: true }, callers.user(ADMIN))));
    // A reading beyond HISTORY_MAX_POINTS_PER_HOUR in one clock hour is thinned, as it always was; none is lost to the
    // others. On a loaded machine an invocation may answer an account from storage, or run out of time to record
    // (and log so): only live readings of invocations that recorded in time must be kept.
    const recorded = answers.filter((_, index) => !instances[index]!.logs.join('\n').includes('readings not kept'));
    expect(recorded.length).toBeGreaterThan(0);
    const liveReadings = (bizId: string) =>
      new Set(
        recorded
          .map((answer) => dataOf<AccountsResult>(answer).accounts.find((account) => account.bizId === bizId))
          .filter((account) => account?.quotaSource === 'live')
          .map((account) => account!.quotaUpdatedAt),
      ).size;
    expect(state.accounts.some((account) => liveReadings(account.bizId) > 0)).toBe(true);
    for (const account of state.accounts)
      expect(
        storedPairs(emulator.model.database, { deliveryId: 'YTO', bizId: account.bizId }).length,
      ).toBeGreaterThanOrEqual(Math.min(HISTORY_MAX_POINTS_PER_HOUR, liveReadings(account.bizId)));
  });
});

describe('1,000 accounts with a full month of history', () => {
  it('answers every account in time, with a balance (live or stored within the hour) and days left, reading under 2 MiB', async () => {
    const state = ytoAccounts(1000, (index) => 20_000 + index);
    const emulator = await startSampleEmulator({ state });
    try {
      const now = Date.now();
      emulator.model.database.plant(
        HISTORY_COLLECTION,
        historyDocuments(
          withReadings(state, (quotaNum) => fallingPairs(35 * 24 * 4, HOUR / 4, quotaNum, 2, now - 20 * 60_000)),
          now,
        ),
      );
      emulator.model.addFault({ api: 'logistics.getQuota', latencyMs: 100 });
      emulator.model.database.faults.add({ latencyMs: 100 });
      const data = dataOf<AccountsResult>(await emulator.invoke({ all: true }, callers.user(ADMIN)));
      const known = data.accounts.filter(
        (account) =>
          account.quotaSource === 'live' ||
          (account.quotaSource === 'stored' && Date.now() - Date.parse(account.quotaUpdatedAt!) <= HOUR),
      );
      expect(known).toHaveLength(1000);
      expect(data.accounts.filter((account) => account.forecast.daysLeft !== null)).toHaveLength(1000);
      expect(emulator.model.invocations.records.at(-1)!.database.bytesReceived).toBeLessThan(2 * 1024 * 1024);
    } finally {
      expect(emulator.instance.unhandledRejections).toEqual([]);
      await emulator.close();
    }
  }, 60_000);
});
