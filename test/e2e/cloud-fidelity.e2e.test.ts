import type { Emulator } from '../../emulator/emulator';
import { NUMERIC_OPENID, callers, timerEvent } from '../../emulator/invocation-context';
import type { QuotaEnvelope } from '../../src/contract/answers';
import { ADMIN, startSampleEmulator } from './emulator-harness';

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const SECOND_ADMIN = 'oAdminE2E00000000000000000002';
const ALERTS_ON = {
  QUOTA_ADMIN_OPENIDS: `${ADMIN},${SECOND_ADMIN}`,
  QUOTA_ALERT_TEMPLATE_ID: 'tmpl-e2e',
  QUOTA_LOW_THRESHOLD: '100',
};

describe('the built bundle on the production path of the cloud', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startSampleEmulator({ functionEnv: ALERTS_ON });
  });
  afterEach(() => emulator.close());

  it('opens no socket and makes no DNS query but to the emulator on loopback: queries, the list, a timer run with the database', async () => {
    await emulator.invoke({ deliveryId: 'YTO', bizId: 'xyz' }, callers.user(ADMIN));
    await emulator.invoke({ all: true }, callers.user(ADMIN));
    expect(await emulator.invoke(timerEvent(), callers.timer())).toMatchObject({
      ok: true,
      data: { alerts: { alerted: [{ deliveryId: 'ZTO' }] } },
    });
    const port = Number(new URL(emulator.cloud.adminUrl).port);
    expect(emulator.instance.network.length).toBeGreaterThan(0);
    expect(
      emulator.instance.network.filter(
        (event) => !(event.kind === 'connect' && event.host === '127.0.0.1' && event.port === port),
      ),
    ).toEqual([]);
  });

  it('lets nothing reach WeChat or the database after the function answered, and reports everything that did', async () => {
    const result = (await emulator.invoke(timerEvent(), callers.timer())) as QuotaEnvelope;
    await emulator.invoke({ all: true }, callers.user(ADMIN));
    expect(emulator.model.callsAfterAnswer()).toEqual([]);
    expect(emulator.model.database.requests.filter((request) => request.afterAnswer)).toEqual([]);
    expect(
      emulator.model.subscriptions.sent
        .map((message) => [message.touser, message.invocationId, message.afterAnswer])
        .sort(),
    ).toEqual([
      [ADMIN, '1.1', false],
      [SECOND_ADMIN, '1.1', false],
    ]);
    expect(result).toMatchObject({ ok: true, data: { alerts: { alerted: [{ deliveryId: 'ZTO' }], failed: [] } } });
  });

  it('runs the same timer event twice in a row (a platform retry) without sending anything new', async () => {
    await emulator.invoke(timerEvent(), callers.timer());
    await emulator.invoke(timerEvent(), callers.timer());
    expect(emulator.model.subscriptions.sent).toHaveLength(2);
    expect(emulator.model.invocations.records.map((record) => record.outcome)).toEqual(['answered', 'answered']);
  });

  it('accepts the lower-case "timer" event some pages show', async () => {
    expect(await emulator.invoke(timerEvent({ type: 'timer' }), callers.timer())).toMatchObject({ ok: true });
  });

  // getWXContext() has no SOURCE in variants b and c: the function falls back to TCB_SOURCE, then TRIGGER_SRC.
  it.each(['b', 'c'] as const)('runs the alerts of a timer run in variant %s', async (variant) => {
    expect(await emulator.invoke(timerEvent(), callers.timer({ variant }))).toMatchObject({
      ok: true,
      data: { alerts: { alerted: [{ deliveryId: 'ZTO' }] } },
    });
  });

  it('sends each admin one message in total when two instances run the same trigger at once', async () => {
    const second = await emulator.startInstance();
    await Promise.all([emulator.invoke(timerEvent(), callers.timer()), second.invoke(timerEvent(), callers.timer())]);
    expect(emulator.model.subscriptions.sent).toHaveLength(2);
  });

  it('sends nothing from a run that read the alert memory before another run sent and released its claim', async () => {
    const second = await emulator.startInstance();
    // The second instance reads the (missing) memory and tries to claim; its claim's retry waits on creating the collection.
    emulator.model.database.faults.add({
      action: 'database.addCollection',
      collection: 'quota_alerts',
      latencyMs: 1_000,
      times: 2,
    });
    const late = second.invoke(timerEvent(), callers.timer());
    await until(
      () =>
        emulator.model.database.requests.filter(
          (request) => request.action === 'database.addCollection' && request.collection === 'quota_alerts',
        ).length === 2,
    );
    await emulator.invoke(timerEvent(), callers.timer());
    expect(await late).toMatchObject({ ok: true, data: { alerts: { claim: 'held-by-another-run' } } });
    const claims = emulator.model.database.requests.filter(
      (request) => request.action === 'database.modifyDocument' && String(request.params.query).includes('alerts-run'),
    );
    // The interleaving this test is about: the first run released its claim before the second one's retried claim arrived.
    expect(claims.map((request) => request.invocationId)).toEqual(['2.1', '1.1', '1.1', '2.1']);
    expect(emulator.model.subscriptions.sent.map((message) => [message.touser, message.invocationId]).sort()).toEqual([
      [ADMIN, '1.1'],
      [SECOND_ADMIN, '1.1'],
    ]);
  });

  it('lets in an admin whose OPENID is made only of digits, which getWXContext() hands over as a number', async () => {
    const numeric = await startSampleEmulator({ functionEnv: { QUOTA_ADMIN_OPENIDS: NUMERIC_OPENID } });
    try {
      expect(await numeric.invoke({ deliveryId: 'YTO', bizId: 'xyz' }, callers.user(NUMERIC_OPENID))).toMatchObject({
        ok: true,
      });
    } finally {
      await numeric.close();
    }
  });
});

describe('WeChat answers the built bundle meets on the wire', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startSampleEmulator();
  });
  afterEach(() => emulator.model.clearFaults());
  afterAll(() => emulator.close());

  it.each([9909001, 930563])(
    'classifies the undocumented code %i and keeps WeChat rid for support',
    async (errcode) => {
      emulator.model.addFault({ api: 'logistics.getQuota', errcode, errmsg: 'system error' });
      expect(await emulator.invoke({ deliveryId: 'YTO', bizId: 'xyz' }, callers.user(ADMIN))).toEqual({
        ok: false,
        error: { code: 'WECHAT_ERROR', errCode: errcode, message: expect.stringMatching(/rid: [0-9a-f-]+/) },
      });
    },
  );

  it('lists every account from a getAllAccount written like the official sample', async () => {
    emulator.model.setAccountRowShape('official-sample');
    const result = (await emulator.invoke({ all: true }, callers.user(ADMIN))) as {
      ok: boolean;
      data: { accounts: Array<{ bizId: string; quotaSource: string }> };
    };
    expect(result.ok).toBe(true);
    expect(result.data.accounts.find((account) => account.bizId === 'xyz')).toMatchObject({ quotaSource: 'live' });
    emulator.model.setAccountRowShape('documented');
  });
});
