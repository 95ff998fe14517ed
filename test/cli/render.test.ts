import { renderBalances, renderTable } from '../../src/cli/render';
import { displayWidth } from '../../src/cli/text-width';

describe('displayWidth', () => {
  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('YTO')).toBe(3);
    expect(displayWidth('圆通速递')).toBe(8);
    expect(displayWidth('韵达01')).toBe(6);
  });
});

describe('renderTable', () => {
  it('aligns columns by what a terminal shows', () => {
    expect(
      renderTable(
        ['Courier', 'Balance'],
        [
          ['圆通速递', '210'],
          ['ZTO', '12'],
        ],
        ['left', 'right'],
      ),
    ).toBe(['Courier   Balance', '--------  -------', '圆通速递      210', 'ZTO            12'].join('\n'));
  });
});

describe('renderBalances', () => {
  it('shows a failed account with its snapshot and reason, and an unqueried one as such', () => {
    const text = renderBalances({
      fetchedAt: '2026-11-29T01:00:00.000Z',
      unsupported: [
        { deliveryId: 'SF', deliveryName: '顺丰速运', bizId: '021', alias: '', reason: 'no-quota' },
        { deliveryId: 'NEWCO', deliveryName: '', bizId: 'N1', alias: '', reason: 'courier-unlisted' },
      ],
      accounts: [
        {
          deliveryId: 'ZTO',
          deliveryName: '中通快递',
          bizId: 'Z1',
          alias: '',
          statusCode: 0,
          status: 'bound',
          quotaNum: 40,
          quotaSource: 'snapshot',
          quotaUpdatedAt: null,
          error: { code: 'RATE_LIMITED', message: 'Wait.', errCode: 45011 },
        },
        {
          deliveryId: 'STO',
          deliveryName: '申通快递',
          bizId: 'S1',
          alias: '',
          statusCode: 1,
          status: 'reviewing',
          quotaNum: null,
          quotaSource: null,
          quotaUpdatedAt: null,
        },
      ],
    });
    expect(text).toContain('40 (snapshot)  RATE_LIMITED: Wait.');
    expect(text).toContain('-  not queried: account is reviewing');
    expect(text).toContain('No waybill quota to query (courier bills per parcel): 顺丰速运 021\n');
    expect(text).toContain('Not queried: getAllDelivery does not list the courier of NEWCO N1');
  });

  it('says how to bind an account when there is none', () => {
    expect(renderBalances({ accounts: [], unsupported: [], fetchedAt: 'x' })).toContain(
      'Bind one in the mini-program admin console',
    );
  });
});
