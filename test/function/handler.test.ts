import { ADAPTIVE_MAX_CONCURRENCY, ADAPTIVE_START_CONCURRENCY } from '../../src/core/wechat/adaptive-limit';
import { MIN_USEFUL_CALL_MS, TIME_BUDGET_MS } from '../../src/core/time-limits';
import { ANSWER_RESERVE_MS_PER_ACCOUNT, RECORD_MARGIN_MS } from '../../src/function/balances';
import type { AllAccounts } from '../../src/contract/answers';
import type { ModelStateInput } from '../../emulator/state';
import { functionHarness } from '../support/function-harness';

const GET_QUOTA = 'logistics.getQuota';

function manyAccounts(count: number): ModelStateInput {
  return {
    couriers: [{ deliveryId: 'YTO', deliveryName: '圆通速递', canGetQuota: true }],
    accounts: Array.from({ length: count }, (_, index) => ({ deliveryId: 'YTO', bizId: `B${index}`, quotaNum: index })),
  };
}

describe('single account', () => {
  it('answers the live balance of WeChat documented example YTO/xyz', async () => {
    const { invoke, model } = functionHarness();
    const result = await invoke({ deliveryId: 'YTO', bizId: 'xyz' });
    expect(result).toEqual({
      ok: true,
      data: { deliveryId: 'YTO', bizId: 'xyz', quotaNum: 210, fetchedAt: '2026-11-29T01:00:00.000Z' },
    });
    expect(model.callsTo(GET_QUOTA)).toEqual([{ api: GET_QUOTA, params: { delivery_id: 'YTO', biz_id: 'xyz' } }]);
  });

  it('accepts and ignores the userInfo that wx.cloud.callFunction adds', async () => {
    const { invoke } = functionHarness();
    const result = await invoke({
      deliveryId: 'YTO',
      bizId: 'xyz',
      userInfo: { appId: 'wx1', openId: 'oSomeoneElse' },
    });
    expect(result.ok).toBe(true);
  });

  it('sends a Chinese bizId through unchanged', async () => {
    const { invoke, model } = functionHarness();
    const result = await invoke({ deliveryId: 'YUNDA', bizId: '韵达义乌网点01' });
    expect(result).toMatchObject({ ok: true, data: { quotaNum: 1530 } });
    expect(model.calls[0]?.params.biz_id).toBe('韵达义乌网点01');
  });

  it.each([
    [9300525, 'ACCOUNT_NOT_BOUND', /Take bizId from the bound-account list/],
    [9300503, 'COURIER_NOT_SUPPORTED', /not registered/],
    [48001, 'PERMISSION_DENIED', /verified \(认证\) mini-program.*enable it in the mini-program admin console/],
    [45009, 'RATE_LIMITED', /daily API quota/],
    [9300537, 'RATE_LIMITED', /Wait a minute/],
  ])('maps WeChat error %i to %s with advice', async (errcode, code, advice) => {
    const { invoke, model } = functionHarness();
    model.addFault({ api: GET_QUOTA, errcode });
    const result = await invoke({ deliveryId: 'YTO', bizId: 'xyz' });
    expect(result).toEqual({ ok: false, error: { code, errCode: errcode, message: expect.stringMatching(advice) } });
    expect(model.callsTo(GET_QUOTA)).toHaveLength(1);
  });

  it('tells how to declare a missing permission on -604101', async () => {
    const { invoke, model } = functionHarness();
    model.addFault({ api: GET_QUOTA, platformErrorCode: -604101 });
    const result = await invoke({ deliveryId: 'YTO', bizId: 'xyz' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'PERMISSION_DENIED',
        errCode: -604101,
        message: expect.stringContaining('permissions.openapi in config.json'),
      },
    });
  });

  it('retries system busy (-1) and succeeds, with jittered waits', async () => {
    const { invoke, model, logs } = functionHarness();
    model.addFault({ api: GET_QUOTA, errcode: -1, times: 2 });
    const result = await invoke({ deliveryId: 'YTO', bizId: 'xyz' });
    expect(result).toMatchObject({ ok: true, data: { quotaNum: 210 } });
    expect(model.callsTo(GET_QUOTA)).toHaveLength(3);
    expect(
      logs.filter((line) => line.message === 'retrying open-API call').map((line) => line.fields?.delayMs),
    ).toEqual([50, 100]);
  });

  it('gives up on a persistent -1 after three attempts as UPSTREAM_UNAVAILABLE', async () => {
    const { invoke, model } = functionHarness();
    model.addFault({ api: GET_QUOTA, errcode: -1 });
    const result = await invoke({ deliveryId: 'YTO', bizId: 'xyz' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE', errCode: -1 } });
    expect(model.callsTo(GET_QUOTA)).toHaveLength(3);
  });

  it('retries a dropped connection', async () => {
    const { invoke, model } = functionHarness();
    model.addFault({ api: GET_QUOTA, drop: true, times: 1 });
    expect(await invoke({ deliveryId: 'YTO', bizId: 'xyz' })).toMatchObject({ ok: true, data: { quotaNum: 210 } });
    expect(model.callsTo(GET_QUOTA)).toHaveLength(2);
  });

  it('does not retry when the next attempt would not fit the time budget', async () => {
    const { invoke, model } = functionHarness();
    model.addFault({ api: GET_QUOTA, errcode: -1, latencyMs: TIME_BUDGET_MS - 200 });
    const result = await invoke({ deliveryId: 'YTO', bizId: 'xyz' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(model.callsTo(GET_QUOTA)).toHaveLength(1);
  });

  it('reports an answer the SDK cannot decode as UPSTREAM_UNAVAILABLE without retrying', async () => {
    const { invoke, model } = functionHarness();
    model.addFault({ api: GET_QUOTA, garbage: true });
    const result = await invoke({ deliveryId: 'YTO', bizId: 'xyz' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE', errCode: -601001 } });
    expect(model.callsTo(GET_QUOTA)).toHaveLength(1);
  });
});

describe('all accounts', () => {
  it('lists bound accounts with live balances, not the stale snapshot', async () => {
    const { invoke } = functionHarness();
    const result = await invoke({ all: true });
    expect(result.ok).toBe(true);
    const data = (result as { data: AllAccounts }).data;
    expect(
      data.accounts.map((account) => [account.deliveryId, account.bizId, account.quotaNum, account.quotaSource]),
    ).toEqual([
      ['YTO', 'xyz', 210, 'live'],
      ['ZTO', 'ZT10086', 12, 'live'],
      ['YUNDA', '韵达义乌网点01', 1530, 'live'],
      ['STO', 'ST-2026-77', null, null],
    ]);
    expect(data.accounts[0]).toEqual({
      deliveryId: 'YTO',
      deliveryName: '圆通速递',
      bizId: 'xyz',
      alias: '杭州仓',
      statusCode: 0,
      status: 'bound',
      quotaNum: 210,
      quotaSource: 'live',
      quotaUpdatedAt: '2026-11-29T01:00:00.000Z',
      forecast: { dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 0 },
    });
  });

  it('lists accounts under review without querying them', async () => {
    const { invoke, model } = functionHarness();
    const result = await invoke({ all: true });
    const sto = (result as { data: AllAccounts }).data.accounts.find((account) => account.deliveryId === 'STO');
    expect(sto).toMatchObject({ status: 'reviewing', statusCode: 1, quotaNum: null });
    expect(model.callsTo(GET_QUOTA).map((call) => call.params.delivery_id)).not.toContain('STO');
  });

  it('lists accounts of couriers without a quota separately and never queries them', async () => {
    const { invoke, model } = functionHarness();
    const result = await invoke({ all: true });
    expect((result as { data: AllAccounts }).data.unsupported).toEqual([
      { deliveryId: 'SF', deliveryName: '顺丰速运', bizId: '0210001234', alias: '顺丰月结', reason: 'no-quota' },
    ]);
    expect(model.callsTo(GET_QUOTA).map((call) => call.params.delivery_id)).not.toContain('SF');
  });

  it('reports one account failure on that account with its snapshot, and keeps the others', async () => {
    const { invoke, model } = functionHarness();
    model.addFault({ api: GET_QUOTA, deliveryId: 'ZTO', errcode: 9300525 });
    const result = await invoke({ all: true });
    expect(result.ok).toBe(true);
    const accounts = (result as { data: AllAccounts }).data.accounts;
    expect(accounts.find((account) => account.deliveryId === 'ZTO')).toMatchObject({
      quotaNum: 40,
      quotaSource: 'snapshot',
      quotaUpdatedAt: '2025-11-28T00:00:00.000Z',
      error: { code: 'ACCOUNT_NOT_BOUND', errCode: 9300525 },
    });
    expect(accounts.find((account) => account.deliveryId === 'YTO')).toMatchObject({
      quotaNum: 210,
      quotaSource: 'live',
    });
  });

  it('fails the whole call when the account list cannot be read', async () => {
    const { invoke, model } = functionHarness();
    model.addFault({ api: 'logistics.getAllAccount', errcode: 48001 });
    expect(await invoke({ all: true })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED', errCode: 48001 },
    });
    expect(model.callsTo(GET_QUOTA)).toHaveLength(0);
  });

  it(`starts ${ADAPTIVE_START_CONCURRENCY} queries at once and grows while they succeed, never past ${ADAPTIVE_MAX_CONCURRENCY}`, async () => {
    const { invoke, model, clock } = functionHarness({ state: manyAccounts(30) });
    const startTimes: number[] = [];
    const answer = model.answer.bind(model);
    model.answer = (api, params) => {
      if (api === GET_QUOTA) startTimes.push(clock.now());
      return answer(api, params);
    };
    model.addFault({ api: GET_QUOTA, latencyMs: 100 });
    const result = await invoke({ all: true });
    expect((result as { data: AllAccounts }).data.accounts).toHaveLength(30);
    const startedTogether = [...new Set(startTimes)].map((time) => startTimes.filter((start) => start === time).length);
    expect(startedTogether).toEqual([4, 8, 16, 2]);
    expect(Math.max(...startedTogether)).toBeLessThanOrEqual(ADAPTIVE_MAX_CONCURRENCY);
  });

  it('answers 50 accounts at 100 ms each well inside the 3 s function timeout', async () => {
    const { invoke, model, clock } = functionHarness({ state: manyAccounts(50) });
    model.addFault({ api: GET_QUOTA, latencyMs: 100 });
    model.addFault({ api: 'logistics.getAllAccount', latencyMs: 100 });
    model.addFault({ api: 'logistics.getAllDelivery', latencyMs: 100 });
    const started = clock.now();
    const result = await invoke({ all: true });
    const accounts = (result as { data: AllAccounts }).data.accounts;
    expect(accounts.every((account) => account.quotaSource === 'live')).toBe(true);
    // Listing, then rounds of 4, 8, 16, 16 and 6 queries.
    expect(clock.now() - started).toBe(100 + 5 * 100);
  });

  it('answers by the time budget, keeping time to record: slow calls are abandoned, the rest not started, snapshots shown', async () => {
    const state = manyAccounts(40);
    state.accounts.forEach((account) => (account.snapshotQuotaNum = 5));
    const { invoke, model, clock } = functionHarness({ state });
    model.addFault({ api: GET_QUOTA, latencyMs: 1500 });
    const started = clock.now();
    const accounts = ((await invoke({ all: true })) as { data: AllAccounts }).data.accounts;
    // The live queries end where the writes, at the database's first estimate, and the answer still fit.
    expect(clock.now() - started).toBe(
      TIME_BUDGET_MS - MIN_USEFUL_CALL_MS - RECORD_MARGIN_MS - Math.ceil(40 * ANSWER_RESERVE_MS_PER_ACCOUNT),
    );
    expect(accounts.filter((account) => account.quotaSource === 'live')).toHaveLength(4);
    const abandoned = accounts.filter((account) => account.error?.message.includes('did not answer before'));
    const notStarted = accounts.filter((account) => account.error?.message.startsWith('Not queried'));
    expect([abandoned.length, notStarted.length]).toEqual([8, 28]);
    expect(notStarted[0]).toMatchObject({
      quotaNum: 5,
      quotaSource: 'snapshot',
      error: { code: 'UPSTREAM_UNAVAILABLE' },
    });
    expect(model.callsTo(GET_QUOTA)).toHaveLength(12);
  });

  it('runs the all-accounts check for a timer trigger and logs a summary', async () => {
    const { invoke, logs } = functionHarness({ source: 'wx_trigger', openId: '' });
    const result = await invoke({ Type: 'Timer', TriggerName: 'dailyQuotaCheck', Time: '2026-11-29T01:00:00Z' });
    expect(result).toMatchObject({ ok: true, data: { accounts: expect.any(Array) } });
    expect(logs).toContainEqual({
      level: 'info',
      message: 'timer check done',
      fields: {
        trigger: 'dailyQuotaCheck',
        readAt: '2026-11-29 09:00:00 +08:00',
        accounts: 4,
        live: 3,
        recorded: 3,
        notRecorded: 0,
        profiles: 0,
        memoryRead: 0,
        memoryWritten: 0,
        failed: 0,
        alerted: 0,
        claim: 'not-needed',
        recipients: 0,
        sent: 0,
        notDelivered: 0,
        unknown: 0,
        deferred: 0,
        robots: 0,
        robotsSent: 0,
        robotsNotDelivered: 0,
      },
    });
  });
});

describe('who may call', () => {
  it('refuses a user not on the admin list, names their OPENID, and calls nothing', async () => {
    const { invoke, model } = functionHarness({ openId: 'oStranger' });
    const result = await invoke({ deliveryId: 'YTO', bizId: 'xyz' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining('oStranger'),
        forbidden: { reason: 'not-admin', openId: 'oStranger' },
      },
    });
    expect(model.calls).toHaveLength(0);
  });

  it('explains how to set QUOTA_ADMIN_OPENIDS when it is unset', async () => {
    const { invoke, model } = functionHarness({ admins: undefined });
    const result = await invoke({ all: true });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: expect.stringMatching(/QUOTA_ADMIN_OPENIDS is not set.*yours is oAdmin/),
        forbidden: { reason: 'no-admins-configured', openId: 'oAdmin000000000000000000001' },
      },
    });
    expect(model.calls).toHaveLength(0);
  });

  it('refuses before validating, so strangers learn nothing about the event', async () => {
    const { invoke } = functionHarness({ source: 'web_anonymous' });
    expect(await invoke({ nonsense: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', forbidden: { reason: 'source' } },
    });
  });
});

describe('invalid input', () => {
  it.each([
    [{}, 'deliveryId'],
    [{ deliveryId: 'YTO' }, 'bizId'],
    [{ deliveryId: '', bizId: 'xyz' }, 'deliveryId: must not be empty'],
    [{ deliveryId: 'YTO', bizId: 7 }, 'bizId: must be a string'],
    [{ deliveryId: 'YTO', bizId: 'x'.repeat(65) }, 'bizId: must be at most 64 characters'],
    [{ deliveryId: 'YTO', bizId: ' xyz' }, 'bizId: must not start or end with spaces'],
    [{ deliveryID: 'YTO', bizId: 'xyz' }, 'deliveryID'],
    [{ all: 'yes' }, 'all: must be true'],
    [{ all: true, deliveryId: 'YTO' }, 'deliveryId'],
    [null, 'got null'],
    ['YTO', 'got string'],
    [[1], 'got an array'],
  ])('rejects %j naming %s, without calling WeChat', async (event, named) => {
    const { invoke, model } = functionHarness();
    const result = await invoke(event);
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(named) } });
    expect(model.calls).toHaveLength(0);
  });
});

describe('unexpected failures', () => {
  it('never throws past main: a crashing transport becomes INTERNAL', async () => {
    const { invoke, model } = functionHarness();
    model.answer = () => {
      throw new TypeError('boom');
    };
    expect(await invoke({ deliveryId: 'YTO', bizId: 'xyz' })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('boom') },
    });
  });
});
