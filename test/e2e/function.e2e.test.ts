import type { AllAccounts, QuotaEnvelope } from '../../src/contract/answers';
import type { Emulator } from '../../emulator/emulator';
import { callers } from '../../emulator/runtime';
import { ADMIN, deploymentWithout, isDeprecationWarning, startSampleEmulator } from './emulator-harness';

const GET_QUOTA = 'logistics.getQuota';
const YTO_XYZ = { deliveryId: 'YTO', bizId: 'xyz' };

describe('the built bundle in the cloud emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startSampleEmulator();
  });
  afterEach(() => {
    emulator.model.clearFaults();
    emulator.model.calls.length = 0;
  });
  afterAll(async () => {
    expect(emulator.instance.unhandledRejections).toEqual([]);
    // Closed before the last check: a failed expect would otherwise leave the instance running.
    await emulator.close();
    expect(emulator.instances.flatMap((instance) => instance.logs.filter(isDeprecationWarning))).toEqual([]);
  });

  const asAdmin = (event: unknown) => emulator.invoke(event, callers.user(ADMIN)) as Promise<QuotaEnvelope>;

  it('answers WeChat documented example YTO/xyz with 210 through the real SDK', async () => {
    expect(await asAdmin(YTO_XYZ)).toEqual({
      ok: true,
      data: { ...YTO_XYZ, quotaNum: 210, fetchedAt: expect.any(String) },
    });
  });

  it('starts from the code cache built for the Node it runs on, which V8 accepted', () => {
    // The loader logs only when it compiles without a cache (none for this runtime, damaged, or rejected).
    expect(emulator.instance.logs.filter((line) => line.includes('code cache'))).toEqual([]);
  });

  it("logs no deprecation warning on this runtime (Node 24's url.parse, DEP0169, included) for a query, a list and a timer run", async () => {
    expect(await asAdmin(YTO_XYZ)).toMatchObject({ ok: true });
    expect(await asAdmin({ all: true })).toMatchObject({ ok: true });
    const timerRun = { Type: 'Timer', TriggerName: 'quotaCheck', Time: '2026-11-29T01:00:00Z' };
    expect(await emulator.invoke(timerRun, callers.timer())).toMatchObject({ ok: true });
    expect(emulator.instances.flatMap((instance) => instance.logs.filter(isDeprecationWarning))).toEqual([]);
  });

  it('sends what the real SDK encodes: snake_case keys, Chinese bizId as UTF-8, decoded by the emulator', async () => {
    await asAdmin({ deliveryId: 'YUNDA', bizId: '韵达义乌网点01' });
    expect(emulator.model.calls.map(({ api, params }) => ({ api, params }))).toEqual([
      { api: GET_QUOTA, params: { delivery_id: 'YUNDA', biz_id: '韵达义乌网点01' } },
    ]);
  });

  it('lists every account with live balances where the snapshot differs', async () => {
    const result = await asAdmin({ all: true });
    const accounts = (result as { data: AllAccounts }).data.accounts;
    expect(accounts.find((account) => account.bizId === 'xyz')).toMatchObject({ quotaNum: 210, quotaSource: 'live' });
    expect(accounts.find((account) => account.bizId === 'ZT10086')).toMatchObject({
      quotaNum: 12,
      quotaSource: 'live',
    });
    expect(accounts.find((account) => account.bizId === 'ST-2026-77')).toMatchObject({
      status: 'reviewing',
      quotaNum: null,
    });
    expect((result as { data: AllAccounts }).data.unsupported.map((account) => account.deliveryId)).toEqual(['SF']);
  });

  it('shows the snapshot, marked, for an account whose live query fails on the wire', async () => {
    emulator.model.addFault({ api: GET_QUOTA, deliveryId: 'ZTO', errcode: 9300525 });
    // Without history: earlier tests' live readings would be newer than the snapshot, and shown instead (see history.e2e).
    emulator.model.database.collections.delete('quota_history');
    const accounts = ((await asAdmin({ all: true })) as { data: AllAccounts }).data.accounts;
    expect(accounts.find((account) => account.bizId === 'ZT10086')).toMatchObject({
      quotaNum: 40,
      quotaSource: 'snapshot',
      error: { code: 'ACCOUNT_NOT_BOUND' },
    });
    expect(accounts.find((account) => account.bizId === 'xyz')).toMatchObject({ quotaNum: 210, quotaSource: 'live' });
  });

  it.each([
    [9300525, 'ACCOUNT_NOT_BOUND'],
    [9300503, 'COURIER_NOT_SUPPORTED'],
    [48001, 'PERMISSION_DENIED'],
    [45009, 'RATE_LIMITED'],
  ])('maps WeChat error %i on the wire to %s, without retrying', async (errcode, code) => {
    emulator.model.addFault({ api: GET_QUOTA, errcode });
    expect(await asAdmin(YTO_XYZ)).toEqual({
      ok: false,
      error: { code, errCode: errcode, message: expect.any(String) },
    });
    expect(emulator.model.callsTo(GET_QUOTA)).toHaveLength(1);
  });

  it('retries system busy (-1) and then answers', async () => {
    emulator.model.addFault({ api: GET_QUOTA, errcode: -1, times: 1 });
    expect(await asAdmin(YTO_XYZ)).toMatchObject({ ok: true, data: { quotaNum: 210 } });
    expect(emulator.model.callsTo(GET_QUOTA)).toHaveLength(2);
  });

  it('reports a platform error from the wire with its code', async () => {
    emulator.model.addFault({ api: GET_QUOTA, platformErrorCode: -604103 });
    expect(await asAdmin(YTO_XYZ)).toMatchObject({
      ok: false,
      error: { code: 'UPSTREAM_UNAVAILABLE', errCode: -604103 },
    });
  });

  it('reports an undecodable answer as UPSTREAM_UNAVAILABLE', async () => {
    emulator.model.addFault({ api: GET_QUOTA, garbage: true });
    expect(await asAdmin(YTO_XYZ)).toMatchObject({
      ok: false,
      error: { code: 'UPSTREAM_UNAVAILABLE', errCode: -601001 },
    });
  });

  it('retries a dropped connection, then answers', async () => {
    emulator.model.addFault({ api: GET_QUOTA, drop: true, times: 1 });
    expect(await asAdmin(YTO_XYZ)).toMatchObject({ ok: true, data: { quotaNum: 210 } });
    expect(emulator.model.callsTo(GET_QUOTA)).toHaveLength(2);
  });

  it('abandons a call that hangs past the per-call timeout and still answers inside the function timeout', async () => {
    emulator.model.addFault({ api: GET_QUOTA, latencyMs: 2_000 });
    const started = Date.now();
    expect(await asAdmin(YTO_XYZ)).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses a user not on the admin list with zero backend calls', async () => {
    const before = emulator.cloud.requestCount();
    expect(await emulator.invoke(YTO_XYZ, callers.user('oStranger'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('oStranger') },
    });
    expect(emulator.cloud.requestCount()).toBe(before);
  });

  it('refuses invalid input with zero backend calls', async () => {
    const before = emulator.cloud.requestCount();
    expect(await asAdmin({ deliveryId: 'YTO' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('bizId') },
    });
    expect(emulator.cloud.requestCount()).toBe(before);
  });

  it('ignores a forged userInfo: identity comes from the cloud context', async () => {
    const forged = { ...YTO_XYZ, userInfo: { openId: ADMIN, appId: 'wx' } };
    expect(await emulator.invoke(forged, callers.user('oStranger'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it.each([
    ['a timer trigger', callers.timer()],
    ['the HTTP API', callers.httpApi()],
    ['another cloud function', callers.otherFunction()],
  ])('lets %s in', async (_name, caller) => {
    const event =
      caller.source === 'wx_trigger'
        ? { Type: 'Timer', TriggerName: 'dailyQuotaCheck', Time: '2026-11-29T01:00:00Z' }
        : YTO_XYZ;
    expect(await emulator.invoke(event, caller)).toMatchObject({ ok: true });
  });
});

describe('deployment faults', () => {
  it('answers PERMISSION_DENIED (-604101) when the deployed config.json lacks the permission', async () => {
    const emulator = await startSampleEmulator({ functionDir: await deploymentWithout(GET_QUOTA) });
    try {
      expect(await emulator.invoke(YTO_XYZ, callers.user(ADMIN))).toEqual({
        ok: false,
        error: {
          code: 'PERMISSION_DENIED',
          errCode: -604101,
          message: expect.stringContaining('permissions.openapi in config.json'),
        },
      });
      expect(emulator.model.calls).toHaveLength(0);
    } finally {
      await emulator.close();
    }
  });

  it('answers UPSTREAM_UNAVAILABLE when the cloud back end is down', async () => {
    const emulator = await startSampleEmulator();
    try {
      await emulator.cloud.close();
      expect(await emulator.invoke(YTO_XYZ, callers.user(ADMIN))).toMatchObject({
        ok: false,
        error: { code: 'UPSTREAM_UNAVAILABLE', errCode: -501001 },
      });
      expect(emulator.instance.unhandledRejections).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
