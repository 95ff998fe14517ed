import { chinaDate, chinaDateTime, chinaLogTime } from '../../src/core/china-time';
import { DEFAULT_ALERT_DATA, readAlertConfig } from '../../src/function/alerts/settings';
import { alertData, summarize, type SummaryAccount } from '../../src/function/alerts/subscribe-data';

const account = (bizId: string, quotaNum: number, alias = ''): SummaryAccount => ({
  deliveryId: 'ZTO',
  deliveryName: '中通快递',
  bizId,
  alias,
  quotaNum,
});
const NOW = Date.UTC(2026, 10, 29, 1, 0);

describe('one message summarising every account that deserves an alert', () => {
  it('fills the default template with the count and the lowest account', () => {
    const summary = summarize([account('Z1', 40, '北京仓'), account('Z2', 12, '上海仓'), account('Z3', 80)], NOW, 100);
    expect(alertData(summary, readAlertConfig({}))).toEqual({
      thing1: { value: '中通快递 上海仓等3个账号' },
      number2: { value: '12' },
      thing3: { value: '余额低于100单，请及时充值' },
    });
    expect(DEFAULT_ALERT_DATA).toHaveProperty('number2', '{lowestQuota}');
  });

  it('names a single account without a count', () => {
    expect(alertData(summarize([account('ZT10086', 12, '上海仓')], NOW, 100), readAlertConfig({})).thing1).toEqual({
      value: '中通快递 上海仓',
    });
  });

  it('keeps the short placeholder names of earlier versions, meaning the lowest account', () => {
    const config = readAlertConfig({
      QUOTA_ALERT_DATA:
        '{"thing1":"{courier} {account}","number2":"{quota}","character_string3":"{deliveryId}","number4":"{count}"}',
    });
    expect(alertData(summarize([account('Z1', 50), account('Z2', 7, '南仓')], NOW, 100), config)).toEqual({
      thing1: { value: '中通快递 南仓' },
      number2: { value: '7' },
      character_string3: { value: 'ZTO' },
      number4: { value: '2' },
    });
  });

  it('shows a negative balance as 0, which a number field accepts', () => {
    expect(alertData(summarize([account('Z1', -3)], NOW, 100), readAlertConfig({})).number2).toEqual({ value: '0' });
  });

  it('cuts free text by user-perceived character and writes times in China time', () => {
    const config = readAlertConfig({ QUOTA_ALERT_DATA: '{"thing1":"{account}","time2":"{time}","date3":"{date}"}' });
    // The flag is two code points: the 20th and 21st. It is dropped whole, never halved.
    const data = alertData(summarize([account('Z1', 1, `${'仓'.repeat(19)}🇨🇳`)], NOW, 100), config);
    expect(data.thing1?.value).toBe('仓'.repeat(19));
    expect(data.time2?.value).toBe('2026年11月29日 09:00');
    expect(data.date3?.value).toBe('2026年11月29日');
  });

  it('refuses, before any send, a value that still breaks its rule at run time', () => {
    const config = readAlertConfig({ QUOTA_ALERT_DATA: '{"amount1":"¥{quota}"}' });
    expect(() => alertData(summarize([account('Z1', 12_345_678_901)], NOW, 100), config)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('amount1') }),
    );
  });
});

describe('China time', () => {
  it('is UTC+8 whatever the process time zone', () => {
    const instant = Date.UTC(2026, 10, 28, 20, 30, 5);
    expect([chinaDate(instant), chinaDateTime(instant), chinaLogTime(instant)]).toEqual([
      '2026年11月29日',
      '2026年11月29日 04:30',
      '2026-11-29 04:30:05 +08:00',
    ]);
  });
});
