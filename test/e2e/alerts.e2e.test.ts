import { accountKey } from '../../src/core/accounts/account-key';
import { memoryOf } from '../support/history-kit';
import type { Emulator } from '../../emulator/emulator';
import { callers } from '../../emulator/runtime';
import type { QuotaEnvelope } from '../../src/contract/answers';
import { ADMIN, startSampleEmulator } from './emulator-harness';
import { lowBalanceMessage } from '../support/low-balance-message';

const SECOND_ADMIN = 'oAdminE2E00000000000000000002';
const TIMER = { Type: 'Timer', TriggerName: 'dailyQuotaCheck', Time: '2026-11-29T01:00:00Z' };

describe('low-balance alerts, the built bundle in the emulator', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startSampleEmulator({
      functionEnv: {
        QUOTA_ADMIN_OPENIDS: `${ADMIN},${SECOND_ADMIN}`,
        QUOTA_ALERT_TEMPLATE_ID: 'tmpl-e2e',
        QUOTA_LOW_THRESHOLD: '100',
      },
    });
  });
  afterEach(async () => {
    expect(emulator.instance.unhandledRejections).toEqual([]);
    await emulator.close();
  });
  // Each run here stands for one a while later: the balances read by the last are no longer recent, so
  // this run queries them again rather than answering them from the history (see TIMER_REFRESH_AFTER_MS).
  const timer = () => {
    emulator.model.database.collections.delete('quota_history');
    return emulator.invoke(TIMER, callers.timer()) as Promise<QuotaEnvelope>;
  };
  // The memory holds one record per alerted account, under its hashed key.
  const accountRecords = () => Object.entries(memoryOf(emulator.model.database)?.accounts ?? {});

  it('sends exactly the expected messages through subscribeMessage.send: recipients, template, data keys', async () => {
    expect(await timer()).toMatchObject({
      ok: true,
      data: { alerts: { enabled: true, alerted: [{ deliveryId: 'ZTO', reason: 'first' }] } },
    });
    // The two sends run concurrently, so they may arrive in either order.
    const byRecipient = [...emulator.model.sentMessages].sort((a, b) => a.touser.localeCompare(b.touser));
    expect(byRecipient).toEqual(
      [ADMIN, SECOND_ADMIN].map((touser) =>
        lowBalanceMessage({
          touser,
          templateId: 'tmpl-e2e',
          accounts: '中通快递 上海仓',
          lowest: 12,
          tip: '余额低于100单，请及时充值',
        }),
      ),
    );
  });

  it('keeps alerting the other admins when one answers 43101', async () => {
    emulator.model.addFault({ api: 'subscribeMessage.send', touser: ADMIN, errcode: 43101 });
    const result = await timer();
    expect(emulator.model.sentMessages.map((message) => message.touser)).toEqual([SECOND_ADMIN]);
    expect(result).toMatchObject({
      ok: true,
      data: { alerts: { failed: [{ touser: ADMIN, code: 'WECHAT_ERROR', errCode: 43101 }] } },
    });
    expect(emulator.instance.logs.join('\n')).toContain('"message":"low-balance alert not delivered"');
  });

  it('remembers the alert in the cloud database, creating the collection, and does not repeat it on an unchanged balance', async () => {
    expect(emulator.model.database.collections.has('quota_alerts')).toBe(false);
    await timer();
    expect(accountRecords()).toEqual([
      [accountKey({ deliveryId: 'ZTO', bizId: 'ZT10086' }), { quotaNum: 12, alertedAt: expect.any(Number) }],
    ]);
    expect(await timer()).toMatchObject({
      ok: true,
      data: { alerts: { alerted: [], unchanged: [{ deliveryId: 'ZTO', quotaNum: 12 }] } },
    });
    expect(emulator.model.sentMessages).toHaveLength(2);
    emulator.model.setQuota('ZTO', 'ZT10086', 5);
    expect(await timer()).toMatchObject({
      ok: true,
      data: { alerts: { alerted: [{ deliveryId: 'ZTO', quotaNum: 5, reason: 'dropped' }] } },
    });
    expect(emulator.model.sentMessages).toHaveLength(4);
  });

  it('forgets a recharged account in the database', async () => {
    await timer();
    emulator.model.setQuota('ZTO', 'ZT10086', 800);
    await timer();
    expect(accountRecords()).toEqual([]);
  });
});

describe('alerts off', () => {
  it('sends nothing without QUOTA_ALERT_TEMPLATE_ID and says so once in the log', async () => {
    const emulator = await startSampleEmulator();
    try {
      await emulator.invoke(TIMER, callers.timer());
      expect(await emulator.invoke(TIMER, callers.timer())).toMatchObject({
        ok: true,
        data: { alertTemplateId: null, alerts: { enabled: false } },
      });
      expect(emulator.model.sentMessages).toHaveLength(0);
      expect(emulator.model.callsTo('subscribeMessage.send')).toHaveLength(0);
      expect(emulator.instance.logs.filter((line) => line.includes('low-balance alerts are off'))).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });
});
