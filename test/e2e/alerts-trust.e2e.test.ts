import { ageStoredReadings } from '../support/history-kit';
import type { Emulator } from '../../emulator/emulator';
import { callers, timerEvent, TIMER_VARIANTS } from '../../emulator/invocation-context';
import { THREE_LOW } from '../support/three-low-state';
import type { AlertReport } from '../../src/function/alerts/alert-run';
import type { QuotaEnvelope } from '../../src/contract/answers';
import { alertsOf } from '../support/alert-report';
import { ADMIN, emulatorsClosedAfterEach } from './emulator-harness';

const SECOND_ADMIN = 'oAdminE2E00000000000000000002';
const SEND = 'subscribeMessage.send';
const TEMPLATE = 'tmpl-e2e';
const ON = {
  QUOTA_ADMIN_OPENIDS: `${ADMIN},${SECOND_ADMIN}`,
  QUOTA_ALERT_TEMPLATE_ID: TEMPLATE,
  QUOTA_LOW_THRESHOLD: '100',
};

const start = emulatorsClosedAfterEach({ functionEnv: ON });

const timer = (emulator: Emulator) => emulator.invoke(timerEvent(), callers.timer()) as Promise<QuotaEnvelope>;
const received = (emulator: Emulator) => emulator.model.subscriptions.sent.map((message) => message.touser);

/** The report accounts for every admin owed a message, WeChat holds only what it says may have arrived, and nothing arrived after the answer. */
function expectTrustworthy(
  emulator: Emulator,
  alerts: AlertReport | undefined,
  receivedThisRun: readonly string[],
): void {
  if (!alerts) throw new Error('no alert report');
  const { recipients, sent, failed, unknown, deferred } = alerts;
  expect(sent.length + failed.length + unknown.length + deferred.length).toBe(recipients);
  const mayHaveArrived = new Set([...sent, ...unknown].map(({ touser }) => touser));
  expect(receivedThisRun.filter((touser) => !mayHaveArrived.has(touser))).toEqual([]);
  expect(sent.filter(({ touser }) => !receivedThisRun.includes(touser))).toEqual([]);
  expect(emulator.model.callsAfterAnswer()).toEqual([]);
  expect(emulator.model.database.requests.filter((request) => request.afterAnswer)).toEqual([]);
}

describe('1. the timer is recognised in every form a real run takes', () => {
  it.each(TIMER_VARIANTS)('variant %s runs the alerts', async (variant) => {
    const emulator = await start();
    const result = await emulator.invoke(timerEvent(), callers.timer({ variant }));
    expect(result).toMatchObject({ ok: true, data: { alerts: { claim: 'claimed', sent: [{}, {}] } } });
    expect(received(emulator).sort()).toEqual([ADMIN, SECOND_ADMIN]);
  });
});

describe("2. only the function's own timer runs alerts", () => {
  it.each([
    ['an admin in the mini-program', callers.user(ADMIN)],
    ['the HTTP API', callers.httpApi()],
    ['another cloud function', callers.otherFunction()],
  ])('a timer-shaped event from %s is FORBIDDEN, logged at error, with no WeChat call', async (_name, caller) => {
    const emulator = await start();
    expect(await emulator.invoke(timerEvent(), caller)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(emulator.model.calls).toEqual([]);
    expect(emulator.instance.logs.some((line) => line.includes('"level":"error"') && line.includes('FORBIDDEN'))).toBe(
      true,
    );
  });
});

describe('3. one message per admin per run', () => {
  it('three low accounts, two admins with one acceptance each: each receives one summary, no 43101', async () => {
    const emulator = await start({ state: THREE_LOW, acceptances: 1 });
    const alerts = alertsOf(await timer(emulator));
    expect(alerts).toMatchObject({ recipients: 2, failed: [], unknown: [], deferred: [] });
    expect(emulator.model.sentMessages.map((message) => [message.touser, message.data.thing1?.value]).sort()).toEqual([
      [ADMIN, '中通快递 上海仓等3个账号'],
      [SECOND_ADMIN, '中通快递 上海仓等3个账号'],
    ]);
    expect(emulator.model.callsTo(SEND)).toHaveLength(2);
  });
});

describe('4. sends and database calls inside the budget', () => {
  const admins = (count: number) =>
    Array.from({ length: count }, (_, index) => `oAdminE2E${String(index).padStart(20, '0')}`);

  it(
    '500 admins at 40 ms a send: answered in time, the report matches what WeChat received, ' +
      'nothing after the answer, the next run repeats nothing',
    async () => {
      const emulator = await start({ functionEnv: { QUOTA_ADMIN_OPENIDS: admins(500).join(',') } });
      emulator.model.addFault({ api: SEND, latencyMs: 40 });
      const started = Date.now();
      const alerts = alertsOf(await timer(emulator));
      const took = Date.now() - started;
      expectTrustworthy(emulator, alerts, received(emulator));
      process.stdout.write(
        `alerts e2e: 500 admins at 40 ms: ${took} ms, sent ${alerts?.sent.length}, ` +
          `unknown ${alerts?.unknown.length}, deferred ${alerts?.deferred.length}, failed ${alerts?.failed.length}; ` +
          `WeChat received ${received(emulator).length}\n`,
      );

      const before = received(emulator).length;
      const next = alertsOf(await timer(emulator));
      const secondRun = received(emulator).slice(before);
      expectTrustworthy(emulator, next, secondRun);
      expect(new Set(received(emulator)).size).toBe(received(emulator).length);
      // The next run sends only what this one deferred (under load it may defer some of that again).
      const deferred = new Set((alerts?.deferred ?? []).map(({ touser }) => touser));
      expect(secondRun.filter((touser) => !deferred.has(touser))).toEqual([]);
    },
    20_000,
  );

  /** The previous run read every balance 49 minutes ago: this timer run queries them all live (TIMER_REFRESH_AFTER_MS). */
  const ageHistory = (emulator: Emulator) => ageStoredReadings(emulator.model.database, 49 * 60_000);

  it('a database answering in 0.9 s: the alerts go out within the run (the claim and the memory read overlap the history read)', async () => {
    const emulator = await start();
    await timer(emulator);
    emulator.model.setQuota('ZTO', 'ZT10086', 5);
    ageHistory(emulator);
    emulator.model.database.faults.add({ latencyMs: 900 });
    const before = received(emulator).length;
    const alerts = alertsOf(await timer(emulator));
    expectTrustworthy(emulator, alerts, received(emulator).slice(before));
    expect(alerts).toMatchObject({
      claim: 'claimed',
      alerted: [{ deliveryId: 'ZTO', reason: 'dropped' }],
      recipients: 2,
      deferred: [],
    });
    expect(received(emulator).slice(before).sort()).toEqual([ADMIN, SECOND_ADMIN]);
  }, 20_000);

  it('a database answering in 1.1 s: answered in time, the report matches WeChat, the next run repeats nothing', async () => {
    const emulator = await start();
    await timer(emulator);
    emulator.model.setQuota('ZTO', 'ZT10086', 5);
    ageHistory(emulator);
    emulator.model.database.faults.add({ latencyMs: 1_100 });
    const before = received(emulator).length;
    const started = Date.now();
    const alerts = alertsOf(await timer(emulator));
    const took = Date.now() - started;
    expectTrustworthy(emulator, alerts, received(emulator).slice(before));
    process.stdout.write(
      `alerts e2e: database at 1.1 s: ${took} ms, sent ${alerts?.sent.length}, unknown ${alerts?.unknown.length}, ` +
        `deferred ${alerts?.deferred.length}; WeChat received ${received(emulator).length - before}\n`,
    );
    // A claim the run could not give back in time expires after ALERT_LEASE_TTL_MS: play that time passing.
    const claim = emulator.model.database.collections.get('quota_alerts')?.get('alerts-run');
    if (claim) claim.expiresAt = 0;
    const after = received(emulator).length;
    expectTrustworthy(emulator, alertsOf(await timer(emulator)), received(emulator).slice(after));
    expect(new Set(received(emulator).slice(before)).size).toBe(received(emulator).length - before);
  }, 20_000);

  it('a database answering in 1.1 s on the very first run: answered in time, nothing sent twice, the deferred alerts go out later', async () => {
    const emulator = await start();
    emulator.model.database.faults.add({ latencyMs: 1_100 });
    const started = Date.now();
    const first = alertsOf(await timer(emulator));
    const took = Date.now() - started;
    expectTrustworthy(emulator, first, received(emulator));
    process.stdout.write(
      `alerts e2e: database at 1.1 s, first run: ${took} ms, sent ${first?.sent.length}, ` +
        `unknown ${first?.unknown.length}, deferred ${first?.deferred.length}; ` +
        `WeChat received ${received(emulator).length}\n`,
    );
    emulator.model.clearFaults();
    // A claim the late run may have taken expires after ALERT_LEASE_TTL_MS: play that time passing.
    const claim = emulator.model.database.collections.get('quota_alerts')?.get('alerts-run');
    if (claim) claim.expiresAt = 0;
    await timer(emulator);
    await timer(emulator);
    expect(received(emulator).sort()).toEqual([ADMIN, SECOND_ADMIN]);
  }, 20_000);
});

describe('5. a slow but successful send is not repeated', () => {
  it('WeChat accepts the message but answers after the SDK gave up: exactly one message, reported unknown', async () => {
    const emulator = await start();
    emulator.model.addFault({ api: SEND, touser: ADMIN, latencyMs: 2_000, times: 1 });
    const alerts = alertsOf(await timer(emulator));
    expect(alerts).toMatchObject({ sent: [{ touser: SECOND_ADMIN }], unknown: [{ touser: ADMIN }] });
    await timer(emulator);
    expect(received(emulator).sort()).toEqual([ADMIN, SECOND_ADMIN]);
    expect(emulator.model.callsTo(SEND)).toHaveLength(2);
  });

  it('WeChat delivers, then the connection drops before the answer: not repeated', async () => {
    const emulator = await start();
    emulator.model.addFault({ api: SEND, touser: ADMIN, dropAfterProcessing: true, times: 1 });
    expect(alertsOf(await timer(emulator))).toMatchObject({ unknown: [{ touser: ADMIN }] });
    await timer(emulator);
    expect(received(emulator).sort()).toEqual([ADMIN, SECOND_ADMIN]);
    // Three runs at 300 ms a database call: more than jest's default 5 s on a loaded machine.
  }, 20_000);
});

describe('6. overlapping and retried runs', () => {
  it('two overlapping runs on two instances and a retried run: one message per admin in total', async () => {
    const emulator = await start();
    // Slow enough that the two runs surely overlap.
    emulator.model.database.faults.add({ latencyMs: 300 });
    const second = await emulator.startInstance();
    const results = (await Promise.all([
      timer(emulator),
      second.invoke(timerEvent(), callers.timer()),
    ])) as QuotaEnvelope[];
    expect(results.map((result) => alertsOf(result)?.claim).sort()).toEqual(['claimed', 'held-by-another-run']);
    await timer(emulator);
    expect(received(emulator).sort()).toEqual([ADMIN, SECOND_ADMIN]);
    // Three runs at 300 ms a database call: more than jest's default 5 s on a loaded machine.
  }, 20_000);
});

describe('7. alert memory you can trust', () => {
  it('a planted record in the far future, user-written and junk documents neither mute an account nor push its record out', async () => {
    const emulator = await start();
    const far = Date.now() + 10 * 365 * 86_400_000;
    emulator.model.database.plant(
      'quota_alerts',
      Array.from({ length: 1500 }, (_, index) => ({ _id: `junk-${index}`, quotaNum: 1, alertedAt: 1 })),
    );
    emulator.model.database.plant('quota_alerts', [{ _id: 'ZTO:ZT10086', quotaNum: 12, alertedAt: far }]);
    emulator.model.database.plant('quota_alerts', [{ _id: 'YTO:xyz', quotaNum: 1, alertedAt: Date.now() }], {
      openid: 'oIntruder',
    });
    expect(alertsOf(await timer(emulator))).toMatchObject({
      alerted: [{ deliveryId: 'ZTO', reason: 'first' }],
      sent: [{}, {}],
    });
    const ignored = emulator.instance.logs.filter((line) => line.includes('ignored a document that cannot be ours'));
    expect(ignored.map((line) => (JSON.parse(line) as { why: string }).why)).toEqual([
      'alerted in the future',
      'written by a mini-program user (_openid)',
    ]);
    expect(alertsOf(await timer(emulator))).toMatchObject({ alerted: [], unchanged: [{ deliveryId: 'ZTO' }] });
  });
});

describe('8. template data WeChat would refuse is never sent', () => {
  const ALL_TYPES = {
    thing1: '{summary}',
    number2: '{lowestQuota}',
    letter3: 'LOW',
    symbol4: '!',
    character_string5: '{lowestDeliveryId}-{count}',
    time6: '{time}',
    date7: '{date}',
    amount8: '¥{threshold}',
    phone_number9: '400-{count}',
    car_number10: '沪A12345',
    name11: '物流助手',
    phrase12: '余额不足',
  };

  it('a template with a key of every type, each validly mapped, is accepted by WeChat', async () => {
    const emulator = await start({ functionEnv: { QUOTA_ALERT_DATA: JSON.stringify(ALL_TYPES) } });
    expect(alertsOf(await timer(emulator))).toMatchObject({ sent: [{}, {}], failed: [] });
    expect(emulator.model.calls.filter((call) => call.api === SEND)).toHaveLength(2);
  });

  it('an invalid mapping fails the run with CONFIG_INVALID naming the key and the rule, and nothing is sent', async () => {
    const emulator = await start({
      functionEnv: { QUOTA_ALERT_DATA: JSON.stringify({ ...ALL_TYPES, character_string5: '{lowestBizId}' }) },
    });
    expect(await timer(emulator)).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', message: expect.stringMatching(/character_string5.*no Chinese/) },
    });
    expect(emulator.model.calls).toEqual([]);
  });
});

describe('9. an alert-only setting never breaks the page', () => {
  it('a typo in QUOTA_ALERT_DATA: { all: true } still answers, telling the page; the timer run fails, logged at error', async () => {
    const emulator = await start({ functionEnv: { QUOTA_ALERT_DATA: '{"thing1":"{courier} {acount}"}' } });
    expect(await emulator.invoke({ all: true }, callers.user(ADMIN))).toMatchObject({
      ok: true,
      data: { accounts: expect.any(Array), alertConfigError: { variable: 'QUOTA_ALERT_DATA' } },
    });
    expect(await timer(emulator)).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', message: expect.stringContaining('QUOTA_ALERT_DATA') },
    });
    expect(
      emulator.instance.logs.some((line) => line.includes('"level":"error"') && line.includes('QUOTA_ALERT_DATA')),
    ).toBe(true);
  });
});
