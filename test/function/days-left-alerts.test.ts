import { runsOutText } from '../../src/function/alerts/placeholders';
import { alertsOf } from '../support/alert-report';
import { DAY, HOUR, hourlySeries } from '../support/balance-series';
import { ADMIN_OPENID, functionHarness, type HarnessOptions } from '../support/function-harness';
import { lowBalanceMessage } from '../support/low-balance-message';

const TIMER = { Type: 'Timer', TriggerName: 'quotaCheck' };
const ON = { QUOTA_ALERT_TEMPLATE_ID: 'tmpl-low-balance', QUOTA_LOW_THRESHOLD: '100' };
const YTO = { deliveryId: 'YTO', bizId: 'xyz' };

/** A timer harness on the sample state, where YTO/xyz holds 210 waybills (over the threshold) and ZTO/ZT10086 12. */
function timerHarness(options: HarnessOptions = {}) {
  const harness = functionHarness({ source: 'wx_trigger', openId: '', ...options, env: { ...ON, ...options.env } });
  return harness;
}

/** YTO/xyz has used `perHour` waybills an hour for three days, down to 210 + perHour an hour ago. */
function plantUsage(harness: ReturnType<typeof functionHarness>, perHour: number): void {
  harness.history.plant(
    YTO,
    hourlySeries(72, harness.clock.now() - HOUR, 210 + perHour, () => perHour),
  );
}

describe('days-left alerts', () => {
  it('alert an account over the threshold that runs out within QUOTA_ALERT_DAYS, saying when', async () => {
    const harness = timerHarness({
      state: {
        couriers: [{ deliveryId: 'YTO', deliveryName: '圆通速递', canGetQuota: true }],
        accounts: [{ ...YTO, alias: '杭州仓', quotaNum: 210 }],
      },
    });
    // 4 an hour: 96 a day, so 210 last about 2.2 days.
    plantUsage(harness, 4);
    const alerts = alertsOf(await harness.invoke(TIMER));
    expect(alerts?.alerted).toEqual([{ ...YTO, quotaNum: 210, reason: 'first' }]);
    expect(harness.model.sentMessages).toEqual([
      lowBalanceMessage({
        touser: ADMIN_OPENID,
        templateId: 'tmpl-low-balance',
        accounts: '圆通速递 杭州仓',
        lowest: 210,
        tip: '约2天后用完，请及时充值',
      }),
    ]);
  });

  it('leave an account alone whose run-out is further away, or when QUOTA_ALERT_DAYS is 0', async () => {
    const slow = timerHarness();
    plantUsage(slow, 1);
    expect(alertsOf(await slow.invoke(TIMER))?.alerted.map((account) => account.bizId)).toEqual(['ZT10086']);
    const off = timerHarness({ env: { QUOTA_ALERT_DAYS: '0' } });
    plantUsage(off, 10);
    expect(alertsOf(await off.invoke(TIMER))?.alerted.map((account) => account.bizId)).toEqual(['ZT10086']);
  });

  it('keep the repeat rule: the next run an hour later sends nothing new', async () => {
    const first = timerHarness();
    plantUsage(first, 4);
    await first.invoke(TIMER);
    expect(first.model.sentMessages).toHaveLength(1);
    await first.clock.run(first.clock.sleep(HOUR));
    const next = timerHarness({ database: first.database, clock: first.clock, history: first.history });
    const alerts = alertsOf(await next.invoke(TIMER));
    expect(alerts?.alerted).toEqual([]);
    expect(next.model.sentMessages).toEqual([]);
  });

  it('put the soonest run-out in the summary, not the lowest balance', async () => {
    const harness = timerHarness();
    // ZTO/ZT10086 (12 left) has no history; YTO/xyz runs out in under a day.
    plantUsage(harness, 10);
    await harness.invoke(TIMER);
    expect(harness.model.sentMessages[0]?.data).toEqual({
      thing1: { value: '中通快递 上海仓等2个账号' },
      number2: { value: '12' },
      thing3: { value: '不到1天用完，请及时充值' },
    });
  });

  it('refuse {runsOut} in a key whose type cannot hold it, before any call', async () => {
    const harness = timerHarness({ env: { QUOTA_ALERT_DATA: '{"number2":"{runsOut}"}' } });
    expect(await harness.invoke(TIMER)).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', message: expect.stringContaining('{runsOut}') },
    });
  });
});

describe('runsOutText', () => {
  const at = Date.UTC(2026, 11, 19, 20);
  it.each([
    [null, '余额低于100单'],
    [0, '已用完'],
    [0.4, '不到1天用完'],
    [2.4, '约2天后用完'],
    [6.6, '约7天后用完'],
    [12, '约12月20日用完'],
  ])('says %s days left as %s', (daysLeft, text) => {
    expect(runsOutText({ lowThreshold: 100, soonest: daysLeft === null ? null : { daysLeft, runsOutAt: at } })).toBe(
      text,
    );
  });

  it('dates a far run-out in China time', () => {
    expect(runsOutText({ lowThreshold: 100, soonest: { daysLeft: 30, runsOutAt: at + 30 * DAY } })).toBe(
      '约1月19日用完',
    );
  });
});
