import { trendAccount, trendUrl } from '../../miniprogram/services/trend-link';

/** How WeChat hands the query to onLoad: split on & and =, values as written. */
function queryOf(url: string): Record<string, string> {
  return Object.fromEntries((url.split('?')[1] ?? '').split('&').map((pair) => pair.split('=') as [string, string]));
}

describe('the link from an account to its trend', () => {
  it('carries the account whole, whatever characters it holds', () => {
    const account = { deliveryId: 'YTO', bizId: 'a&b=c%d 1', courier: '圆通速递', title: '杭州仓 #2' };
    const url = trendUrl(account);
    expect(url).toMatch(/^\/pages\/trend\/index\?deliveryId=YTO&bizId=[^&=]+&courier=/);
    expect(trendAccount(queryOf(url))).toEqual(account);
  });

  it('falls back to the codes when the names are missing', () => {
    expect(trendAccount({ deliveryId: 'ZTO', bizId: 'ZT10086' })).toEqual({
      deliveryId: 'ZTO',
      bizId: 'ZT10086',
      courier: 'ZTO',
      title: 'ZT10086',
    });
    expect(trendAccount({ deliveryId: 'ZTO', bizId: 'ZT10086', courier: 'undefined', title: '' })).toMatchObject({
      courier: 'ZTO',
      title: 'ZT10086',
    });
  });

  it('takes a value that does not decode as it came', () => {
    expect(trendAccount({ deliveryId: 'YTO', bizId: '100%' })).toMatchObject({ bizId: '100%' });
  });

  it.each([
    [{}],
    [{ deliveryId: 'YTO' }],
    [{ bizId: 'xyz' }],
    [{ deliveryId: '', bizId: 'xyz' }],
    [{ deliveryId: 'YTO', bizId: 'undefined' }],
  ])('names no account for %j', (query) => {
    expect(trendAccount(query)).toBeNull();
  });
});
