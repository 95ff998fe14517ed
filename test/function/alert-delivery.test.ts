import { accountKey, adminKey } from '../../src/core/accounts/account-key';
import { memoryOf } from '../support/history-kit';
import { TIME_BUDGET_MS } from '../../src/core/time-limits';
import type { ModelStateInput } from '../../emulator/state';
import { WechatModel } from '../../emulator/wechat-model';
import type { AlertReport } from '../../src/function/alerts/alert-run';
import { ALERT_COLLECTION } from '../../src/contract/values';
import { functionHarness, type HarnessOptions } from '../support/function-harness';
import { FakeClock } from '../../emulator/fake-clock';
import { CloudDatabase } from '../../emulator/cloud-database';
import { plantAlertSubscriptions } from '../support/subscriptions';
import { alertsOf } from '../support/alert-report';

const TIMER = { Type: 'Timer', TriggerName: 'dailyQuotaCheck', Time: '2026-11-29T01:00:00Z' };
const SEND = 'subscribeMessage.send';
const STATE: ModelStateInput = {
  couriers: [{ deliveryId: 'ZTO', deliveryName: '中通快递', canGetQuota: true }],
  accounts: [
    { deliveryId: 'ZTO', bizId: 'Z1', alias: '上海仓', quotaNum: 12 },
    { deliveryId: 'ZTO', bizId: 'Z2', alias: '北京仓', quotaNum: 30 },
  ],
};
const admins = (count: number) =>
  Array.from({ length: count }, (_, index) => `oAdmin${String(index).padStart(22, '0')}`);

/** The next run starts after the previous one released its claim: a claim released as a run begins is not that run's. */
const NEXT_RUN_MS = 1;

/** Runs against one WeChat, one database and one clock, as successive or overlapping invocations do. */
function world(adminCount: number) {
  const clock = new FakeClock();
  const model = new WechatModel(STATE);
  const database = new CloudDatabase(clock.now);
  const env = { QUOTA_ALERT_TEMPLATE_ID: 'tmpl', QUOTA_ADMIN_OPENIDS: admins(adminCount).join(',') };
  plantAlertSubscriptions(model, env);
  const run = (options: HarnessOptions = {}) =>
    functionHarness({
      model,
      clock,
      database,
      source: 'wx_trigger',
      openId: '',
      admins: env.QUOTA_ADMIN_OPENIDS,
      ...options,
      env,
    });
  return { clock, model, database, run };
}

/** The report's categories add up to the admins owed a message, and WeChat holds exactly what it says may have arrived. */
function expectAccountedFor(alerts: AlertReport | undefined, received: readonly string[]): void {
  if (!alerts) throw new Error('no alert report');
  const { recipients, sent, failed, unknown, deferred } = alerts;
  expect(sent.length + failed.length + unknown.length + deferred.length).toBe(recipients);
  const mayHaveArrived = new Set([...sent, ...unknown].map(({ touser }) => touser));
  expect(received.every((touser) => mayHaveArrived.has(touser))).toBe(true);
  expect(sent.every(({ touser }) => received.includes(touser))).toBe(true);
}

const receivedBy = (model: WechatModel) => model.sentMessages.map((message) => message.touser);
const counts = (alerts: AlertReport | undefined) =>
  alerts && {
    sent: alerts.sent.length,
    unknown: alerts.unknown.length,
    deferred: alerts.deferred.length,
    failed: alerts.failed.length,
  };

describe('alerts inside the time budget', () => {
  it('500 admins at 40 ms a send: one message each, in parallel, answered in time, and the next run repeats nothing', async () => {
    const { clock, model, run } = world(500);
    model.addFault({ api: SEND, latencyMs: 40 });
    const started = clock.now();
    const alerts = alertsOf(await run().invoke(TIMER));
    expect(clock.now() - started).toBeLessThanOrEqual(TIME_BUDGET_MS);
    expect(counts(alerts)).toEqual({ sent: 500, unknown: 0, deferred: 0, failed: 0 });
    expect(new Set(receivedBy(model)).size).toBe(500);
    expectAccountedFor(alerts, receivedBy(model));

    expect(alertsOf(await run().invoke(TIMER))).toMatchObject({ recipients: 0, sent: [] });
    expect(model.sentMessages).toHaveLength(500);
  });

  it('sends too slow for the budget: the rest is deferred, and the next run sends exactly the deferred ones', async () => {
    const { clock, model, run, database } = world(500);
    model.addFault({ api: SEND, latencyMs: 400 });
    const started = clock.now();
    const first = alertsOf(await run().invoke(TIMER));
    expect(clock.now() - started).toBeLessThanOrEqual(TIME_BUDGET_MS);
    expectAccountedFor(first, receivedBy(model));
    expect(first?.deferred.length).toBeGreaterThan(0);
    expect(memoryOf(database)?.owed).toEqual(first?.deferred.map(({ touser }) => adminKey(touser)));

    model.clearFaults();
    await clock.run(clock.sleep(NEXT_RUN_MS));
    const before = receivedBy(model);
    const second = alertsOf(await run().invoke(TIMER));
    expect(second?.sent.map(({ touser }) => touser).sort()).toEqual(first?.deferred.map(({ touser }) => touser).sort());
    expect(new Set(receivedBy(model)).size).toBe(model.sentMessages.length);
    expect(receivedBy(model).length - before.length).toBe(first?.deferred.length);
    expect(memoryOf(database)?.owed).toEqual([]);
  });

  it('an admin owed a deferred message gets every low account; the others only what is new, and no repeat period restarts', async () => {
    const { clock, model, database, run } = world(2);
    const [owed, other] = admins(2);
    const earlier = clock.now() - 3_600_000;
    database.plant(ALERT_COLLECTION, [{ _id: 'ZTO:Z1', quotaNum: 12, alertedAt: earlier }]);
    database.plant(ALERT_COLLECTION, [{ _id: 'owed-admins', admins: [owed!] }]);
    const alerts = alertsOf(await run().invoke(TIMER));
    expect(alerts).toMatchObject({
      alerted: [{ bizId: 'Z2', reason: 'first' }],
      unchanged: [{ bizId: 'Z1' }],
      sent: [
        { touser: owed, accounts: 2 },
        { touser: other, accounts: 1 },
      ],
    });
    expect(model.sentMessages.map((message) => [message.touser, message.data.thing1?.value])).toEqual([
      [owed, '中通快递 上海仓等2个账号'],
      [other, '中通快递 北京仓'],
    ]);
    // The first release's records are carried over, and removed once the memory holds them.
    expect(memoryOf(database)?.accounts[accountKey({ deliveryId: 'ZTO', bizId: 'Z1' })]).toEqual({
      quotaNum: 12,
      alertedAt: earlier,
    });
    expect(memoryOf(database)?.owed).toEqual([]);
    expect(database.documents(ALERT_COLLECTION).map((document) => document._id)).not.toContain('owed-admins');
    expect(database.documents(ALERT_COLLECTION).map((document) => document._id)).not.toContain('ZTO:Z1');
  });

  it('a database answering in 1.1 s: the run still answers in time, sends, and records it, so the next run repeats nothing', async () => {
    const { clock, model, database, run } = world(2);
    await run().invoke(TIMER);
    await clock.run(clock.sleep(NEXT_RUN_MS));
    model.setQuota('ZTO', 'Z1', 5);
    database.faults.add({ latencyMs: 1_100 });
    const started = clock.now();
    const alerts = alertsOf(await run().invoke(TIMER));
    const took = clock.now() - started;
    expect(took).toBeLessThanOrEqual(TIME_BUDGET_MS);
    expect(counts(alerts)).toEqual({ sent: 2, unknown: 0, deferred: 0, failed: 0 });
    expectAccountedFor(alerts, receivedBy(model).slice(2));
    expect(alertsOf(await run().invoke(TIMER))).toMatchObject({ recipients: 0, sent: [] });
    expect(model.sentMessages).toHaveLength(4);
  });

  it('a database too slow to claim the run in time defers the alerts rather than risk sending twice', async () => {
    const { clock, model, database, run } = world(2);
    database.faults.add({ latencyMs: 2_400 });
    const started = clock.now();
    const alerts = alertsOf(await run().invoke(TIMER));
    expect(clock.now() - started).toBeLessThanOrEqual(TIME_BUDGET_MS);
    expect(alerts).toMatchObject({
      recipients: 2,
      sent: [],
      deferred: [{ touser: expect.any(String) }, { touser: expect.any(String) }],
    });
    expect(model.sentMessages).toHaveLength(0);
  });

  it('a failing database does not stop the alerts: they go out unclaimed, and that is logged', async () => {
    const { model, database, run } = world(2);
    database.faults.add({ code: 'SYS_ERR', message: 'connect ECONNREFUSED 10.0.0.1:443' });
    const harness = run();
    const alerts = alertsOf(await harness.invoke(TIMER));
    expect(alerts).toMatchObject({ claim: 'unavailable', sent: [{}, {}] });
    expect(model.sentMessages).toHaveLength(2);
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'low-balance alerts: could not claim the run; alerting without a claim',
      }),
    );
  });
});

describe('no duplicates', () => {
  it('a send WeChat accepts but answers after the SDK gave up: unknown, never repeated, then or on the next run', async () => {
    const { model, run } = world(2);
    const late = run({
      wrapMessaging: (messaging) => ({
        sendSubscribeMessage: async (message) => {
          await messaging.sendSubscribeMessage(message);
          throw {
            errCode: -501001,
            errMsg: 'openapi.subscribeMessage.send:fail -501001 resource system error. ESOCKETTIMEDOUT',
          };
        },
      }),
    });
    const alerts = alertsOf(await late.invoke(TIMER));
    expect(counts(alerts)).toEqual({ sent: 0, unknown: 2, deferred: 0, failed: 0 });
    expect(model.sentMessages).toHaveLength(2);
    expect(late.logs).not.toContainEqual(expect.objectContaining({ message: 'retrying open-API call' }));
    await run().invoke(TIMER);
    expect(model.sentMessages).toHaveLength(2);
  });

  it('a send abandoned at the deadline is unknown, remembered as probably delivered, and not repeated', async () => {
    const { model, run } = world(2);
    model.addFault({ api: SEND, latencyMs: 60_000 });
    const alerts = alertsOf(await run().invoke(TIMER));
    expect(counts(alerts)).toEqual({ sent: 0, unknown: 2, deferred: 0, failed: 0 });
    model.clearFaults();
    await run().invoke(TIMER);
    expect(model.sentMessages).toHaveLength(2);
  });

  it.each([
    ['system busy (-1)', { errcode: -1 }],
    ['a dropped connection', { drop: true }],
  ])('never repeats a send after %s', async (_name, fault) => {
    const { model, run } = world(1);
    model.addFault({ api: SEND, times: 1, ...fault });
    expect(counts(alertsOf(await run().invoke(TIMER)))).toEqual({ sent: 0, unknown: 1, deferred: 0, failed: 0 });
    expect(model.callsTo(SEND)).toHaveLength(1);
  });

  it('repeats a send that provably never left (connection refused), so the admin still gets exactly one', async () => {
    const { model, run } = world(1);
    let refused = false;
    const harness = run({
      wrapMessaging: (messaging) => ({
        sendSubscribeMessage: async (message) => {
          if (refused) return messaging.sendSubscribeMessage(message);
          refused = true;
          throw {
            errCode: -501001,
            errMsg:
              'openapi.subscribeMessage.send:fail -501001 resource system error. connect ECONNREFUSED 127.0.0.1:443',
          };
        },
      }),
    });
    expect(counts(alertsOf(await harness.invoke(TIMER)))).toEqual({ sent: 1, unknown: 0, deferred: 0, failed: 0 });
    expect(model.sentMessages).toHaveLength(1);
  });

  it('of two overlapping runs on two instances only one sends; a retried run then sends nothing new', async () => {
    const { clock, model, database, run } = world(3);
    database.faults.add({ latencyMs: 20 });
    model.addFault({ api: SEND, latencyMs: 40 });
    const [a, b] = [run(), run()];
    const results = await clock.run(Promise.all([a.main(TIMER), b.main(TIMER)]));
    const claims = results.map((result) => alertsOf(result)?.claim).sort();
    expect(claims).toEqual(['claimed', 'held-by-another-run']);
    expect(receivedBy(model).sort()).toEqual(admins(3));

    expect(alertsOf(await run().invoke(TIMER))).toMatchObject({ claim: 'claimed', recipients: 0 });
    expect(model.sentMessages).toHaveLength(3);
  });

  it('two runs racing on a fresh database (no collection yet) still send one message per admin', async () => {
    const { clock, model, run } = world(2);
    const results = await clock.run(Promise.all([run().main(TIMER), run().main(TIMER)]));
    expect(results.map((result) => alertsOf(result)?.claim).sort()).toEqual(['claimed', 'held-by-another-run']);
    expect(receivedBy(model).sort()).toEqual(admins(2));
  });
});
