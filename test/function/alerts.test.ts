import type { AccountsResult } from '../../src/function/handler';
import { alertKey } from '../../src/function/alert-memory';
import { functionHarness, ADMIN_OPENID } from '../support/function-harness';
import { MapAlertMemory } from '../support/map-alert-memory';

const SECOND_ADMIN = 'oAdmin000000000000000000002';
const TIMER = { Type: 'Timer', TriggerName: 'dailyQuotaCheck', Time: '2026-11-29T01:00:00Z' };
const ON = { QUOTA_ALERT_TEMPLATE_ID: 'tmpl-low-balance', QUOTA_LOW_THRESHOLD: '100' };

function timerHarness(options: { memory?: MapAlertMemory; env?: Record<string, string> } = {}) {
  return functionHarness({ source: 'wx_trigger', openId: '', admins: `${ADMIN_OPENID},${SECOND_ADMIN}`, env: { ...ON, ...options.env }, memory: options.memory });
}

const alertsOf = (result: unknown) => (result as { data: AccountsResult }).data.alerts;

describe('low-balance alerts on a timer run', () => {
  it('sends each admin one message per low account, with the template data, and nothing for healthy ones', async () => {
    const { invoke, model } = timerHarness();
    const result = await invoke(TIMER);
    expect(model.sentMessages).toEqual([ADMIN_OPENID, SECOND_ADMIN].map((touser) => ({
      touser,
      templateId: 'tmpl-low-balance',
      page: 'pages/quota/index',
      data: { thing1: { value: '中通快递 上海仓' }, number2: { value: '12' }, thing3: { value: '余额低于100单，请及时充值' } },
    })));
    expect(alertsOf(result)).toMatchObject({ enabled: true, threshold: 100, alerted: [{ deliveryId: 'ZTO', bizId: 'ZT10086', quotaNum: 12, reason: 'first' }], failed: [] });
  });

  it('keeps going when one admin has not accepted the template (43101), and reports it', async () => {
    const { invoke, model, logs } = timerHarness();
    model.addFault({ api: 'subscribeMessage.send', touser: ADMIN_OPENID, errcode: 43101 });
    const alerts = alertsOf(await invoke(TIMER));
    expect(model.sentMessages.map((message) => message.touser)).toEqual([SECOND_ADMIN]);
    expect(alerts?.failed).toEqual([{ deliveryId: 'ZTO', bizId: 'ZT10086', touser: ADMIN_OPENID, code: 'WECHAT_ERROR', errCode: 43101 }]);
    expect(logs).toContainEqual({ level: 'warn', message: 'low-balance alert not delivered', fields: { deliveryId: 'ZTO', code: 'WECHAT_ERROR', errCode: 43101 } });
  });

  it('does not alert again on an unchanged balance, but does when it halves or the period passes', async () => {
    const memory = new MapAlertMemory();
    const first = timerHarness({ memory });
    await first.invoke(TIMER);
    expect(first.model.sentMessages).toHaveLength(2);

    const unchanged = timerHarness({ memory });
    expect(alertsOf(await unchanged.invoke(TIMER))).toMatchObject({ alerted: [], unchanged: [{ deliveryId: 'ZTO', quotaNum: 12 }] });
    expect(unchanged.model.sentMessages).toHaveLength(0);

    const halved = timerHarness({ memory });
    halved.model.setQuota('ZTO', 'ZT10086', 6);
    expect(alertsOf(await halved.invoke(TIMER))?.alerted).toEqual([{ deliveryId: 'ZTO', bizId: 'ZT10086', quotaNum: 6, reason: 'dropped' }]);

    const later = timerHarness({ memory });
    later.model.setQuota('ZTO', 'ZT10086', 6);
    memory.records.set(alertKey('ZTO', 'ZT10086'), { quotaNum: 6, alertedAt: later.clock.now() - 24 * 3_600_000 });
    expect(alertsOf(await later.invoke(TIMER))?.alerted).toEqual([{ deliveryId: 'ZTO', bizId: 'ZT10086', quotaNum: 6, reason: 'repeat' }]);
  });

  it('forgets an account once it is healthy again, so the next low balance alerts at once', async () => {
    const memory = new MapAlertMemory();
    await timerHarness({ memory }).invoke(TIMER);
    const recharged = timerHarness({ memory });
    recharged.model.setQuota('ZTO', 'ZT10086', 500);
    await recharged.invoke(TIMER);
    expect(memory.records.size).toBe(0);
    const lowAgain = timerHarness({ memory });
    lowAgain.model.setQuota('ZTO', 'ZT10086', 60);
    expect(alertsOf(await lowAgain.invoke(TIMER))?.alerted).toEqual([{ deliveryId: 'ZTO', bizId: 'ZT10086', quotaNum: 60, reason: 'first' }]);
  });

  it('remembers nothing when no message got through, so the next run tries again', async () => {
    const memory = new MapAlertMemory();
    const { invoke, model } = timerHarness({ memory });
    model.addFault({ api: 'subscribeMessage.send', errcode: 43101 });
    await invoke(TIMER);
    expect(memory.records.size).toBe(0);
  });

  it('does not alert on a cached snapshot when the live query failed', async () => {
    const { invoke, model } = timerHarness();
    model.addFault({ api: 'logistics.getQuota', deliveryId: 'ZTO', errcode: 45011 });
    expect(alertsOf(await invoke(TIMER))?.alerted).toEqual([]);
    expect(model.sentMessages).toHaveLength(0);
  });

  it('is off without a template id, said once in the log, and not an error', async () => {
    const harness = functionHarness({ source: 'wx_trigger', openId: '' });
    const first = await harness.invoke(TIMER);
    await harness.invoke(TIMER);
    expect(first).toMatchObject({ ok: true, data: { alertTemplateId: null, alerts: { enabled: false, sent: [] } } });
    expect(harness.logs.filter((line) => line.message.startsWith('low-balance alerts are off'))).toHaveLength(1);
    expect(harness.model.sentMessages).toHaveLength(0);
  });

  it('fails the run with CONFIG_INVALID naming the variable when the threshold is not a number', async () => {
    const { invoke, model } = timerHarness({ env: { QUOTA_LOW_THRESHOLD: 'lots' } });
    expect(await invoke(TIMER)).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', message: expect.stringContaining('QUOTA_LOW_THRESHOLD') } });
    expect(model.sentMessages).toHaveLength(0);
  });

  it('reports the threshold and the template id to the page, without sending anything', async () => {
    const { invoke, model } = functionHarness({ env: { ...ON, QUOTA_LOW_THRESHOLD: '20' } });
    expect(await invoke({ all: true })).toMatchObject({ ok: true, data: { lowThreshold: 20, alertTemplateId: 'tmpl-low-balance' } });
    expect(((await invoke({ all: true })) as { data: AccountsResult }).data.alerts).toBeUndefined();
    expect(model.sentMessages).toHaveLength(0);
  });
});
