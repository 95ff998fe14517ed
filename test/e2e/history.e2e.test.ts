import type { Emulator } from '../../src/emulator/emulator';
import { callers } from '../../src/emulator/runtime';
import type { ModelStateInput } from '../../src/emulator/state';
import type { AccountsResult } from '../../src/function/handler';
import { HISTORY_COLLECTION } from '../../src/function/history-collection';
import type { HistoryResult } from '../../src/function/history-request';
import { ADMIN, startSampleEmulator } from './emulator-harness';

const HOUR = 3_600_000;
const TIMER = { Type: 'Timer', TriggerName: 'quotaCheck' };

/** A history document as earlier runs leave it: hourly readings up to `hoursAgo` before now, falling `perHour`. */
function historyDocument(
  deliveryId: string,
  bizId: string,
  hours: number,
  lastQuota: number,
  perHour: number,
  end = Date.now(),
) {
  const points = Array.from({ length: hours }, (_, index) => [
    end - (hours - index) * HOUR,
    lastQuota + (hours - 1 - index) * perHour,
  ]);
  return {
    _id: `${deliveryId}:${encodeURIComponent(bizId)}`,
    deliveryId,
    bizId,
    points,
    latest: points[points.length - 1],
  };
}

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

  it('records every live balance of { all: true } and of a timer run in quota_history, created on first use, never a snapshot', async () => {
    emulator = await startSampleEmulator();
    emulator.model.addFault({ api: 'logistics.getQuota', bizId: 'ZT10086', errcode: 9300502 });
    const before = Date.now();
    const data = dataOf<AccountsResult>(await asAdmin({ all: true }));
    expect(data.accounts.find((account) => account.bizId === 'ZT10086')?.quotaSource).toBe('snapshot');
    expect(
      stored()
        .map((document) => document._id)
        .sort(),
    ).toEqual(['YTO:xyz', `YUNDA:${encodeURIComponent('韵达义乌网点01')}`]);
    const yto = stored().find((document) => document._id === 'YTO:xyz') as unknown as {
      points: Array<[number, number]>;
      latest: [number, number];
    };
    expect(yto.points).toHaveLength(1);
    expect(yto.points[0]![1]).toBe(210);
    expect(yto.points[0]![0]).toBeGreaterThanOrEqual(before);
    expect(yto.latest).toEqual(yto.points[0]);
    emulator.model.clearFaults();
    emulator.model.setQuota('YTO', 'xyz', 200);
    emulator.model.database.collections.get(HISTORY_COLLECTION)!.clear();
    dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(
      stored()
        .map((document) => document._id)
        .sort(),
    ).toEqual(['YTO:xyz', 'ZTO:ZT10086', `YUNDA:${encodeURIComponent('韵达义乌网点01')}`].sort());
  });

  it('answers a forecast from planted history, and the history event its points', async () => {
    emulator = await startSampleEmulator({ functionEnv: { QUOTA_ALERT_DAYS: '2' } });
    // YTO/xyz used 10 waybills an hour for three days, down to 220 an hour ago; it is 210 now.
    emulator.model.database.plant(HISTORY_COLLECTION, [historyDocument('YTO', 'xyz', 72, 220, 10)]);
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

    const history = dataOf<HistoryResult>(await asAdmin({ history: { deliveryId: 'YTO', bizId: 'xyz', days: 1 } }));
    expect(history.points.length).toBeGreaterThanOrEqual(24);
    expect(history.points.at(-1)?.quotaNum).toBe(210);
    expect(history.points.map((point) => Date.parse(point.at))).toEqual(
      [...history.points.map((point) => Date.parse(point.at))].sort((a, b) => a - b),
    );
    expect(history.forecast.daysLeft).toBeCloseTo(210 / 240, 1);
    expect(await asAdmin({ history: { deliveryId: 'YTO', bizId: 'xyz', days: 31 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('ignores history documents written by mini-program users, and says how to lock the collection', async () => {
    emulator = await startSampleEmulator();
    emulator.model.database.plant(HISTORY_COLLECTION, [historyDocument('YTO', 'xyz', 72, 5000, 1)], {
      openid: 'oSomeUser',
    });
    const data = dataOf<AccountsResult>(await asAdmin({ all: true }));
    expect(data.accounts.find((account) => account.bizId === 'xyz')?.forecast.basedOnHours).toBe(0);
    expect(emulator.instance.logs.join('\n')).toContain('仅管理端可读写');
  });

  it('answers accounts beyond the time budget from their latest stored balance', async () => {
    const state: ModelStateInput = {
      couriers: [{ deliveryId: 'YTO', deliveryName: '圆通速递', canGetQuota: true }],
      accounts: Array.from({ length: 300 }, (_, index) => ({ deliveryId: 'YTO', bizId: `B${index}`, quotaNum: 1000 })),
    };
    emulator = await startSampleEmulator({ state });
    const readAt = Date.now() - 30 * 60_000;
    emulator.model.database.plant(
      HISTORY_COLLECTION,
      state.accounts.map((account) => historyDocument('YTO', account.bizId, 2, 900, 5, readAt + HOUR)),
    );
    emulator.model.addFault({ api: 'logistics.getQuota', latencyMs: 100 });
    const data = dataOf<AccountsResult>(await asAdmin({ all: true }));
    const stored = data.accounts.filter((account) => account.quotaSource === 'stored');
    expect(stored.length).toBeGreaterThan(0);
    expect(data.accounts.filter((account) => account.quotaSource === 'live').length + stored.length).toBe(300);
    // Calls still running at the deadline are abandoned: those show their stored balance with the reason.
    const notReached = stored.filter((account) => account.error === undefined);
    expect(notReached.length).toBeGreaterThan(0);
    expect(notReached[0]).toMatchObject({ quotaNum: 900, quotaUpdatedAt: new Date(readAt).toISOString() });
  });

  it('lets a timer run answer recently read accounts from storage without querying them', async () => {
    emulator = await startSampleEmulator();
    emulator.model.database.plant(HISTORY_COLLECTION, [
      historyDocument('YTO', 'xyz', 3, 210, 1, Date.now() - 10 * 60_000 + HOUR),
    ]);
    const data = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(data.accounts.find((account) => account.bizId === 'xyz')?.quotaSource).toBe('stored');
    expect(emulator.model.callsTo('logistics.getQuota').map((call) => call.params.biz_id)).not.toContain('xyz');
  });

  it('alerts an account over the threshold that runs out within QUOTA_ALERT_DAYS, saying when, once', async () => {
    emulator = await startSampleEmulator({
      functionEnv: { QUOTA_ALERT_TEMPLATE_ID: 'tmpl-e2e', QUOTA_LOW_THRESHOLD: '100' },
    });
    // YTO/xyz (210 now, over the threshold) used 4 waybills an hour for three days: about 2.2 days left.
    emulator.model.database.plant(HISTORY_COLLECTION, [historyDocument('YTO', 'xyz', 72, 214, 4)]);
    const data = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(data.alerts?.alerted.map((account) => [account.deliveryId, account.reason]).sort()).toEqual([
      ['YTO', 'first'],
      ['ZTO', 'first'],
    ]);
    expect(emulator.model.sentMessages).toEqual([
      {
        touser: ADMIN,
        templateId: 'tmpl-e2e',
        page: 'pages/quota/index',
        data: {
          thing1: { value: '中通快递 上海仓等2个账号' },
          number2: { value: '12' },
          thing3: { value: '约2天后用完，请及时充值' },
        },
      },
    ]);
    const again = dataOf<AccountsResult>(await emulator.invoke(TIMER, callers.timer()));
    expect(again.alerts?.alerted).toEqual([]);
    expect(emulator.model.sentMessages).toHaveLength(1);
  });
});

describe('balance history, one read and no lost reading', () => {
  let emulator: Emulator;
  afterEach(async () => {
    for (const instance of emulator.instances) expect(instance.unhandledRejections).toEqual([]);
    await emulator.close();
  });
  const historyRequests = () =>
    emulator.model.database.requests.filter((request) => request.collection === HISTORY_COLLECTION);
  const wholeReads = () =>
    historyRequests().filter((request) => request.action === 'database.getDocument' && !request.params.projection);

  it("{ all: true } reads each account's whole history once, and writes it over what it read", async () => {
    emulator = await startSampleEmulator();
    emulator.model.database.plant(HISTORY_COLLECTION, [
      historyDocument('YTO', 'xyz', 72, 220, 10),
      historyDocument('ZTO', 'ZT10086', 72, 300, 1),
    ]);
    dataOf<AccountsResult>(await emulator.invoke({ all: true }, callers.user(ADMIN)));
    expect(wholeReads()).toHaveLength(1);
    const ids = (JSON.parse(String(wholeReads()[0]!.params.query)) as { _id: { $in: string[] } })._id.$in;
    expect(ids.sort()).toEqual(['YTO:xyz', `YUNDA:${encodeURIComponent('韵达义乌网点01')}`, 'ZTO:ZT10086']);
    expect(
      historyRequests()
        .map((request) => request.action)
        .sort(),
    ).toEqual([
      'database.getDocument',
      'database.getDocument',
      'database.insertDocument',
      'database.modifyDocument',
      'database.modifyDocument',
    ]);
    const yto = emulator.model.database
      .documents(HISTORY_COLLECTION)
      .find((document) => document._id === 'YTO:xyz') as unknown as { points: unknown[]; rev: number };
    expect([yto.points.length, yto.rev]).toEqual([73, 1]);
  });

  it('two instances recording the same accounts at the same time both keep their readings', async () => {
    emulator = await startSampleEmulator();
    emulator.model.database.plant(HISTORY_COLLECTION, [historyDocument('YTO', 'xyz', 72, 220, 10)]);
    // Slow enough that both read before either writes.
    emulator.model.database.faults.add({ latencyMs: 200 });
    const second = await emulator.startInstance();
    emulator.model.setQuota('YTO', 'xyz', 205);
    await Promise.all([
      emulator.invoke({ all: true }, callers.user(ADMIN)),
      second.invoke({ all: true }, callers.user(ADMIN)),
    ]);
    const yto = emulator.model.database
      .documents(HISTORY_COLLECTION)
      .find((document) => document._id === 'YTO:xyz') as unknown as { points: Array<[number, number]> };
    expect(yto.points.filter(([, quotaNum]) => quotaNum === 205)).toHaveLength(2);
  });
});
