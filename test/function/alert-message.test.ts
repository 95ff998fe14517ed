import type { AccountQuota } from '../../src/core/all-accounts';
import { DEFAULT_ALERT_DATA, readAlertConfig } from '../../src/function/alert-config';
import { alertData, chinaTime } from '../../src/function/alert-message';

const account: AccountQuota = {
  deliveryId: 'ZTO',
  deliveryName: '中通快递',
  bizId: 'ZT10086',
  alias: '上海仓',
  statusCode: 0,
  status: 'bound',
  quotaNum: 12,
  quotaSource: 'live',
  quotaUpdatedAt: null,
};
const NOW = Date.UTC(2026, 10, 29, 1, 0);

describe('alertData', () => {
  it('fills the default template keys', () => {
    expect(alertData(account, readAlertConfig({}), NOW)).toEqual({
      thing1: { value: '中通快递 上海仓' },
      number2: { value: '12' },
      thing3: { value: '余额低于100单，请及时充值' },
    });
    expect(DEFAULT_ALERT_DATA).toHaveProperty('number2', '{quota}');
  });

  it('cuts values to the length WeChat allows for the field type', () => {
    const config = readAlertConfig({ QUOTA_ALERT_DATA: '{"thing1":"{courier} {bizId} {bizId} {bizId}","phrase2":"余额不足提醒","time3":"{time}"}' });
    const data = alertData(account, config, NOW);
    expect([...(data.thing1?.value ?? '')]).toHaveLength(20);
    expect(data.phrase2?.value).toBe('余额不足提');
    expect(data.time3?.value).toBe('2026-11-29 09:00');
  });
});

describe('chinaTime', () => {
  it('formats in UTC+8 whatever the runtime time zone', () => {
    expect(chinaTime(Date.UTC(2026, 10, 28, 20, 30))).toBe('2026-11-29 04:30');
  });
});
