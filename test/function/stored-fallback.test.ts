import type { ModelStateInput } from '../../emulator/state';
import { TIMER_EVERY_MINUTES } from '../../src/contract/values';
import type { AccountsResult } from '../../src/contract/answers';
import { functionHarness } from '../support/function-harness';

const GET_QUOTA = 'logistics.getQuota';
const MINUTE = 60_000;
const TIMER = { Type: 'Timer', TriggerName: 'quotaCheck' };

function manyAccounts(count: number): ModelStateInput {
  return {
    couriers: [{ deliveryId: 'YTO', deliveryName: '圆通速递', canGetQuota: true }],
    accounts: Array.from({ length: count }, (_, index) => ({
      deliveryId: 'YTO',
      bizId: `B${index}`,
      quotaNum: 1000 + index,
      snapshotQuotaNum: 7,
    })),
  };
}

function dataOf(result: unknown): AccountsResult {
  expect(result).toMatchObject({ ok: true });
  return (result as { data: AccountsResult }).data;
}

describe('accounts beyond the time budget', () => {
  it('are answered from their latest stored balance, with its time; the oldest are the ones queried live', async () => {
    const harness = functionHarness({ state: manyAccounts(400) });
    const now = harness.clock.now();
    // B0…B399 were read 400…1 minutes ago: the lowest numbers are the oldest.
    for (let index = 0; index < 400; index += 1)
      harness.history.plant({ deliveryId: 'YTO', bizId: `B${index}` }, [
        { at: now - (400 - index) * MINUTE, quotaNum: 500 },
      ]);
    harness.model.addFault({ api: GET_QUOTA, latencyMs: 100 });
    const data = dataOf(await harness.invoke({ all: true }));
    const live = data.accounts.filter((account) => account.quotaSource === 'live');
    const stored = data.accounts.filter((account) => account.quotaSource === 'stored');
    expect(live.length + stored.length).toBe(400);
    expect(live.length).toBeGreaterThan(200);
    expect(live.map((account) => account.bizId)).toEqual(
      Array.from({ length: live.length }, (_, index) => `B${index}`),
    );
    expect(stored[0]).toMatchObject({
      quotaNum: 500,
      quotaUpdatedAt: new Date(now - (400 - live.length) * MINUTE).toISOString(),
    });
    expect(stored.every((account) => account.error === undefined)).toBe(true);
  });

  it('stop for the run on the daily quota (45009): the rest answer stored, or say why they were not queried', async () => {
    const harness = functionHarness({ state: manyAccounts(30) });
    harness.history.plant({ deliveryId: 'YTO', bizId: 'B29' }, [
      { at: harness.clock.now() - 5 * MINUTE, quotaNum: 321 },
    ]);
    harness.model.addFault({ api: GET_QUOTA, errcode: 45009 });
    const data = dataOf(await harness.invoke({ all: true }));
    expect(harness.model.callsTo(GET_QUOTA).length).toBeLessThanOrEqual(4);
    expect(data.accounts.find((account) => account.bizId === 'B29')).toMatchObject({
      quotaNum: 321,
      quotaSource: 'stored',
    });
    const notQueried = data.accounts.filter((account) => account.error?.message.startsWith('Not queried'));
    expect(notQueried.length).toBeGreaterThan(20);
    expect(notQueried[0]).toMatchObject({
      quotaNum: 7,
      quotaSource: 'snapshot',
      error: { code: 'RATE_LIMITED', errCode: 45009, message: expect.stringMatching(/daily API quota/) },
    });
  });

  it('halve the pace on a per-minute limit (45011) and still answer every account', async () => {
    const harness = functionHarness({ state: manyAccounts(60) });
    const starts: number[] = [];
    const answer = harness.model.answer.bind(harness.model);
    harness.model.answer = (api, params) => {
      if (api === GET_QUOTA) starts.push(harness.clock.now());
      return answer(api, params);
    };
    harness.model.addFault({ api: GET_QUOTA, bizId: 'B1', errcode: 45011, latencyMs: 100 });
    harness.model.addFault({ api: GET_QUOTA, latencyMs: 100 });
    const data = dataOf(await harness.invoke({ all: true }));
    expect(data.accounts.filter((account) => account.quotaSource === 'live')).toHaveLength(59);
    const together = [...new Set(starts)].map((time) => starts.filter((start) => start === time).length);
    // Without the 45011 the second round starts 8 (see handler.test.ts); halved in its midst, only 4.
    expect(together.slice(0, 2)).toEqual([4, 4]);
  });
});

describe('a failed live query', () => {
  it('shows the stored balance with the reason when it is newer than the snapshot, else the snapshot', async () => {
    const harness = functionHarness();
    const now = harness.clock.now();
    // The sample's snapshots are from 2025-11-28; YTO/xyz was read live an hour ago, ZTO/ZT10086 long before its snapshot.
    harness.history.plant({ deliveryId: 'YTO', bizId: 'xyz' }, [{ at: now - 60 * MINUTE, quotaNum: 222 }]);
    harness.history.plant({ deliveryId: 'ZTO', bizId: 'ZT10086' }, [{ at: Date.UTC(2025, 0, 1), quotaNum: 99 }]);
    harness.model.addFault({ api: GET_QUOTA, errcode: 9300502 });
    const data = dataOf(await harness.invoke({ all: true }));
    expect(data.accounts.find((account) => account.bizId === 'xyz')).toMatchObject({
      quotaNum: 222,
      quotaSource: 'stored',
      quotaUpdatedAt: new Date(now - 60 * MINUTE).toISOString(),
      error: { errCode: 9300502 },
    });
    expect(data.accounts.find((account) => account.bizId === 'ZT10086')).toMatchObject({
      quotaNum: 40,
      quotaSource: 'snapshot',
      error: { errCode: 9300502 },
    });
  });
});

describe('timer rounds', () => {
  it(
    `query only accounts read over 48 minutes ago, oldest first, ` +
      `so with a run every ${TIMER_EVERY_MINUTES} minutes no balance gets older than an hour`,
    async () => {
      const count = 200;
      const harness = functionHarness({ state: manyAccounts(count), source: 'wx_trigger' });
      // Slow calls, so that one run reaches only a part of the accounts.
      harness.model.addFault({ api: GET_QUOTA, latencyMs: 500 });
      const perRun: number[] = [];
      const oldest: number[] = [];
      for (let run = 0; run < 18; run += 1) {
        const before = harness.model.callsTo(GET_QUOTA).length;
        const data = dataOf(await harness.invoke(TIMER));
        perRun.push(harness.model.callsTo(GET_QUOTA).length - before);
        const now = harness.clock.now();
        if (run >= 6)
          oldest.push(Math.max(...data.accounts.map((account) => now - Date.parse(account.quotaUpdatedAt!))));
        await harness.clock.run(harness.clock.sleep(TIMER_EVERY_MINUTES * MINUTE - 2_000));
      }
      expect(perRun[0]).toBeLessThan(count);
      expect(Math.max(...oldest)).toBeLessThanOrEqual(60 * MINUTE);
      // After the first hour, about one call per account per 50 minutes.
      const lastHour = perRun.slice(-6).reduce((sum, calls) => sum + calls, 0);
      expect(lastHour).toBeLessThanOrEqual(count * 1.25);
    },
  );
});

describe('alerts in timer rounds', () => {
  it('judge a balance the run answered from storage (a recent live reading) as they would a live one', async () => {
    const harness = functionHarness({
      source: 'wx_trigger',
      env: { QUOTA_ALERT_TEMPLATE_ID: 'tmpl', QUOTA_LOW_THRESHOLD: '100' },
    });
    harness.history.plant({ deliveryId: 'ZTO', bizId: 'ZT10086' }, [
      { at: harness.clock.now() - 5 * MINUTE, quotaNum: 12 },
    ]);
    const data = dataOf(await harness.invoke(TIMER));
    expect(data.accounts.find((account) => account.bizId === 'ZT10086')).toMatchObject({
      quotaSource: 'stored',
      quotaNum: 12,
    });
    expect(harness.model.callsTo(GET_QUOTA).map((call) => call.params.biz_id)).not.toContain('ZT10086');
    expect(data.alerts?.alerted).toEqual([{ deliveryId: 'ZTO', bizId: 'ZT10086', quotaNum: 12, reason: 'first' }]);
  });
});
