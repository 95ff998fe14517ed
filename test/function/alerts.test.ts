import { THREE_LOW } from '../support/three-low-state';
import type { AccountsResult } from '../../src/contract/answers';
import { legacyAccountKey } from '../../src/core/accounts/account-key';
import { ALERT_COLLECTION } from '../../src/contract/values';
import { alertsOf } from '../support/alert-report';
import { functionHarness, ADMIN_OPENID, type HarnessOptions } from '../support/function-harness';
import { lowBalanceMessage } from '../support/low-balance-message';

const SECOND_ADMIN = 'oAdmin000000000000000000002';
const TIMER = { Type: 'Timer', TriggerName: 'dailyQuotaCheck', Time: '2026-11-29T01:00:00Z', Message: '' };
const ON = { QUOTA_ALERT_TEMPLATE_ID: 'tmpl-low-balance', QUOTA_LOW_THRESHOLD: '100' };

/** The next run starts after the previous one released its claim: a claim released as a run begins is not that run's. */
const NEXT_RUN_MS = 1;

function timerHarness(options: HarnessOptions = {}) {
  return functionHarness({
    source: 'wx_trigger',
    openId: '',
    admins: `${ADMIN_OPENID},${SECOND_ADMIN}`,
    ...options,
    env: { ...ON, ...options.env },
  });
}

describe('low-balance alerts on a timer run', () => {
  it('sends each admin one message summarising every low account, and nothing about healthy ones', async () => {
    const { invoke, model } = timerHarness({ state: THREE_LOW });
    const alerts = alertsOf(await invoke(TIMER));
    expect(model.sentMessages).toEqual(
      [ADMIN_OPENID, SECOND_ADMIN].map((touser) =>
        lowBalanceMessage({
          touser,
          templateId: 'tmpl-low-balance',
          accounts: '中通快递 上海仓等3个账号',
          lowest: 12,
          tip: '余额低于100单，请及时充值',
        }),
      ),
    );
    expect(alerts).toMatchObject({
      enabled: true,
      claim: 'claimed',
      recipients: 2,
      sent: [
        { touser: ADMIN_OPENID, accounts: 3 },
        { touser: SECOND_ADMIN, accounts: 3 },
      ],
      failed: [],
      unknown: [],
      deferred: [],
    });
    expect(alerts?.alerted.map((account) => account.bizId).sort()).toEqual(['S1', 'Y1', 'ZT10086']);
  });

  it('keeps going when one admin has not accepted the template (43101), and reports it', async () => {
    const { invoke, model, logs } = timerHarness();
    model.addFault({ api: 'subscribeMessage.send', touser: ADMIN_OPENID, errcode: 43101 });
    const alerts = alertsOf(await invoke(TIMER));
    expect(model.sentMessages.map((message) => message.touser)).toEqual([SECOND_ADMIN]);
    expect(alerts?.failed).toEqual([
      { touser: ADMIN_OPENID, code: 'WECHAT_ERROR', errCode: 43101, hint: expect.stringContaining('订阅低余额提醒') },
    ]);
    expect(logs).toContainEqual({
      level: 'warn',
      message: 'low-balance alert not delivered',
      fields: { code: 'WECHAT_ERROR', errCode: 43101, fix: expect.stringContaining('订阅低余额提醒') },
    });
  });

  it.each([
    [40003, 'QUOTA_ADMIN_OPENIDS'],
    [41030, 'QUOTA_ALERT_MINIPROGRAM_STATE'],
  ])("carries the fix of a %s refusal into the run's answer and its log", async (errcode, fix) => {
    const { invoke, model, logs } = timerHarness();
    model.addFault({ api: 'subscribeMessage.send', touser: ADMIN_OPENID, errcode });
    const alerts = alertsOf(await invoke(TIMER));
    expect(alerts?.failed).toEqual([
      { touser: ADMIN_OPENID, code: 'CONFIG_INVALID', errCode: errcode, hint: expect.stringContaining(fix) },
    ]);
    expect(logs).toContainEqual(
      expect.objectContaining({
        fields: expect.objectContaining({ errCode: errcode, fix: expect.stringContaining(fix) }),
      }),
    );
  });

  it('does not alert again on an unchanged balance, but does when it halves or the period passes', async () => {
    const first = timerHarness();
    await first.invoke(TIMER);
    expect(first.model.sentMessages).toHaveLength(2);
    const next = async (quota: number) => {
      await first.clock.run(first.clock.sleep(NEXT_RUN_MS));
      const run = timerHarness({ database: first.database, clock: first.clock });
      run.model.setQuota('ZTO', 'ZT10086', quota);
      return run;
    };

    const unchanged = await next(12);
    expect(alertsOf(await unchanged.invoke(TIMER))).toMatchObject({
      alerted: [],
      unchanged: [{ deliveryId: 'ZTO', quotaNum: 12 }],
      recipients: 0,
    });
    expect(unchanged.model.sentMessages).toHaveLength(0);

    const halved = await next(6);
    expect(alertsOf(await halved.invoke(TIMER))?.alerted).toEqual([
      { deliveryId: 'ZTO', bizId: 'ZT10086', quotaNum: 6, reason: 'dropped' },
    ]);

    const later = await next(6);
    await later.clock.run(later.clock.sleep(24 * 3_600_000));
    expect(alertsOf(await later.invoke(TIMER))?.alerted).toEqual([
      { deliveryId: 'ZTO', bizId: 'ZT10086', quotaNum: 6, reason: 'repeat' },
    ]);
  });

  it('forgets an account once it is healthy again, so the next low balance alerts at once', async () => {
    const first = timerHarness();
    await first.invoke(TIMER);
    await first.clock.run(first.clock.sleep(NEXT_RUN_MS));
    const recharged = timerHarness({ database: first.database, clock: first.clock });
    recharged.model.setQuota('ZTO', 'ZT10086', 500);
    await recharged.invoke(TIMER);
    expect(first.database.documents(ALERT_COLLECTION).filter((document) => document._id.includes(':'))).toEqual([]);
    await first.clock.run(first.clock.sleep(NEXT_RUN_MS));
    const lowAgain = timerHarness({ database: first.database, clock: first.clock });
    lowAgain.model.setQuota('ZTO', 'ZT10086', 60);
    expect(alertsOf(await lowAgain.invoke(TIMER))?.alerted).toEqual([
      { deliveryId: 'ZTO', bizId: 'ZT10086', quotaNum: 60, reason: 'first' },
    ]);
  });

  it('remembers nothing when no message got through, so the next run tries again', async () => {
    const { invoke, model, database } = timerHarness();
    model.addFault({ api: 'subscribeMessage.send', errcode: 43101 });
    await invoke(TIMER);
    expect(database.documents(ALERT_COLLECTION).filter((document) => document._id.includes(':'))).toEqual([]);
  });

  it('does not alert on a cached snapshot when the live query failed', async () => {
    const { invoke, model } = timerHarness();
    model.addFault({ api: 'logistics.getQuota', deliveryId: 'ZTO', errcode: 45011 });
    expect(alertsOf(await invoke(TIMER))?.alerted).toEqual([]);
    expect(model.sentMessages).toHaveLength(0);
  });

  it('counts an account that getAllAccount lists twice once', async () => {
    const { invoke, model } = timerHarness({ state: THREE_LOW });
    const row = (deliveryId: string, bizId: string, alias: string) => ({
      delivery_id: deliveryId,
      biz_id: bizId,
      alias,
      status_code: 0,
    });
    const list = [
      row('YTO', 'Y1', '杭州仓'),
      row('ZTO', 'ZT10086', '上海仓'),
      row('STO', 'S1', ''),
      row('ZTO', 'ZT10086', '上海仓'),
    ];
    model.addFault({ api: 'logistics.getAllAccount', body: { errcode: 0, errmsg: 'ok', count: list.length, list } });
    const alerts = alertsOf(await invoke(TIMER));
    expect(alerts?.alerted).toHaveLength(3);
    expect(model.sentMessages[0]?.data.thing1).toEqual({ value: '中通快递 上海仓等3个账号' });
  });

  it('is not muted by a planted record that claims an alert in the far future', async () => {
    const { invoke, model, database, clock } = timerHarness();
    database.plant(ALERT_COLLECTION, [
      {
        _id: legacyAccountKey({ deliveryId: 'ZTO', bizId: 'ZT10086' }),
        quotaNum: 12,
        alertedAt: clock.now() + 10 * 365 * 86_400_000,
      },
    ]);
    database.plant(ALERT_COLLECTION, [
      {
        _id: legacyAccountKey({ deliveryId: 'YTO', bizId: 'xyz' }),
        quotaNum: 1,
        alertedAt: clock.now(),
        _openid: 'oIntruder',
      },
    ]);
    expect(alertsOf(await invoke(TIMER))?.alerted).toEqual([
      { deliveryId: 'ZTO', bizId: 'ZT10086', quotaNum: 12, reason: 'first' },
    ]);
    expect(model.sentMessages).toHaveLength(2);
  });

  it('is off without a template id, said once in the log, and not an error', async () => {
    const harness = functionHarness({ source: 'wx_trigger', openId: '' });
    const first = await harness.invoke(TIMER);
    await harness.invoke(TIMER);
    expect(first).toMatchObject({ ok: true, data: { alertTemplateId: null, alerts: { enabled: false, sent: [] } } });
    expect(harness.logs.filter((line) => line.message.startsWith('low-balance alerts are off'))).toHaveLength(1);
    expect(harness.model.sentMessages).toHaveLength(0);
    // The run leaves its heartbeat, and nothing else: no claim, no memory.
    expect(harness.database.documents('quota_alerts').map((document) => document._id)).toEqual(['timer-heartbeat']);
    expect(harness.database.documents('quota_history')).toEqual([]);
  });

  it('fails the run with CONFIG_INVALID naming the variable when the threshold is not a number', async () => {
    const { invoke, model } = timerHarness({ env: { QUOTA_LOW_THRESHOLD: 'lots' } });
    expect(await invoke(TIMER)).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', message: expect.stringContaining('QUOTA_LOW_THRESHOLD') },
    });
    expect(model.sentMessages).toHaveLength(0);
  });

  it('reports the threshold and the template id to the page, without sending anything', async () => {
    const { invoke, model } = functionHarness({ env: { ...ON, QUOTA_LOW_THRESHOLD: '20' } });
    expect(await invoke({ all: true })).toMatchObject({
      ok: true,
      data: { lowThreshold: 20, alertTemplateId: 'tmpl-low-balance' },
    });
    expect(((await invoke({ all: true })) as { data: AccountsResult }).data.alerts).toBeUndefined();
    expect(model.sentMessages).toHaveLength(0);
  });
});

describe('alert-only settings never break the page', () => {
  it.each([
    ['QUOTA_ALERT_DATA', '{"thing1":"{balance}"}'],
    ['QUOTA_ALERT_DATA', '{"character_string1":"{bizId}"}'],
    ['QUOTA_ALERT_REPEAT_HOURS', 'daily'],
    ['QUOTA_ALERT_MINIPROGRAM_STATE', 'prod'],
  ])(
    'a bad %s still answers { all: true }, telling the page; the timer run fails CONFIG_INVALID at error level',
    async (variable, value) => {
      const page = functionHarness({ env: { ...ON, [variable]: value } });
      expect(await page.invoke({ all: true })).toMatchObject({
        ok: true,
        data: {
          accounts: expect.any(Array),
          alertConfigError: { variable, message: expect.stringContaining(variable) },
        },
      });

      const timer = timerHarness({ env: { [variable]: value } });
      expect(await timer.invoke(TIMER)).toMatchObject({
        ok: false,
        error: { code: 'CONFIG_INVALID', message: expect.stringContaining(variable) },
      });
      expect(timer.logs).toContainEqual(
        expect.objectContaining({
          level: 'error',
          message: 'getQuota failed',
          fields: expect.objectContaining({ code: 'CONFIG_INVALID' }),
        }),
      );
      expect(timer.model.calls).toHaveLength(0);
    },
  );
});

describe("only the function's own timer runs alerts", () => {
  it.each([
    ['an admin in the mini-program', { source: 'wx_client', openId: ADMIN_OPENID }],
    ['the HTTP API', { source: 'wx_http' }],
    ['another cloud function', { source: 'scf' }],
  ])('refuses a timer-shaped event from %s with FORBIDDEN, logged at error, calling nothing', async (_name, caller) => {
    const { invoke, model, logs, database } = timerHarness(caller);
    const result = await invoke(TIMER);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining("only the function's own timer trigger runs the low-balance alerts"),
        forbidden: { reason: 'not-timer' },
      },
    });
    expect(model.calls).toHaveLength(0);
    expect(database.requests).toHaveLength(0);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'error', fields: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
  });

  it('accepts a lower-case Type and keys it does not know', async () => {
    const { invoke, model } = timerHarness();
    expect(
      await invoke({
        Type: 'timer',
        TriggerName: 'dailyQuotaCheck',
        Time: '2026-11-29T01:00:00Z',
        Message: 'hi',
        Future: { x: 1 },
      }),
    ).toMatchObject({ ok: true });
    expect(model.sentMessages).toHaveLength(2);
  });
});

describe("each template key type, against WeChat's own checks", () => {
  it.each([
    ['thing1', '{summary}', ''],
    ['number2', '{lowestQuota}', '{courier}'],
    ['letter3', 'LOW', '{deliveryId}'],
    ['symbol4', '!', '{count}'],
    ['character_string5', '{lowestDeliveryId}-{count}', '{lowestBizId}'],
    ['time6', '{time}', '{date}'],
    ['date7', '{date}', '{count}'],
    ['amount8', '¥{threshold}', '{courier}'],
    ['phone_number9', '400-{count}', '{account}'],
    ['car_number10', '沪A12345', '{summary}'],
    ['name11', '物流助手', '{account}'],
    ['phrase12', '余额不足', '{courier}'],
  ])(
    '%s: %j is accepted by WeChat; %j fails the run with CONFIG_INVALID and sends nothing',
    async (key, valid, invalid) => {
      const good = timerHarness({ env: { QUOTA_ALERT_DATA: JSON.stringify({ [key]: valid }) } });
      expect(alertsOf(await good.invoke(TIMER))).toMatchObject({ sent: [{}, {}], failed: [] });
      expect(good.model.sentMessages).toHaveLength(2);

      const bad = timerHarness({ env: { QUOTA_ALERT_DATA: JSON.stringify({ [key]: invalid }) } });
      expect(await bad.invoke(TIMER)).toMatchObject({
        ok: false,
        error: { code: 'CONFIG_INVALID', message: expect.stringContaining(key) },
      });
      expect(bad.model.calls).toHaveLength(0);
    },
  );
});

describe('the claim and the memory read overlap the balance reads', () => {
  const lease = (database: { collections: Map<string, Map<string, Record<string, unknown>>> }) =>
    database.collections.get(ALERT_COLLECTION)?.get('alerts-run');

  it('claims the run before the accounts are even listed, and still sends', async () => {
    const { invoke, model, database, clock } = timerHarness();
    const startedAt = clock.now();
    model.addFault({ api: 'logistics.getAllAccount', latencyMs: 400 });
    expect(alertsOf(await invoke(TIMER))).toMatchObject({ claim: 'claimed', sent: [{}, {}] });
    expect(lease(database)).toMatchObject({ claimedAt: startedAt });
  });

  it('gives the claim back when nothing turns out to be low, and reports it not needed', async () => {
    const { invoke, model, database } = timerHarness({ env: { QUOTA_LOW_THRESHOLD: '1' } });
    expect(alertsOf(await invoke(TIMER))).toMatchObject({ claim: 'not-needed', alerted: [], recipients: 0 });
    expect(model.sentMessages).toEqual([]);
    expect(lease(database)).toMatchObject({ releasedAt: expect.any(Number) });
  });

  it('gives the claim back when the accounts cannot be listed, and sends nothing', async () => {
    const { invoke, model, database } = timerHarness();
    model.addFault({ api: 'logistics.getAllAccount', errcode: 40001 });
    expect(await invoke(TIMER)).toMatchObject({ ok: false });
    expect(model.sentMessages).toEqual([]);
    expect(lease(database)).toMatchObject({ releasedAt: expect.any(Number) });
  });
});
