import fc from 'fast-check';
import { byUrgency, type Orderable } from '../../src/contract/urgency';
import { isLowBalance } from '../../src/contract/values';

const RULE = { lowThreshold: 100, alertDays: 3 };
const account = (name: string, quotaNum: number | null, daysLeft: number | null, status = 'bound') => ({
  name,
  status,
  quotaNum,
  forecast: { daysLeft },
});
const names = (accounts: (Orderable & { name: string })[], rule = RULE) =>
  byUrgency(accounts, rule).map((item) => item.name);

describe('the order of the accounts on the page, in the CLI and in the digests: most urgent first', () => {
  it('puts an idle account at 0 and a low one without a forecast above healthy ones with a forecast', () => {
    expect(
      names([
        account('韵达, 1,531 left, 76 days', 1531, 76),
        account('上海仓, 12 left, no forecast', 12, null),
        account('new account at 0', 0, null),
        account('杭州仓, 210 left, 30 days', 210, 30),
      ]),
    ).toEqual([
      'new account at 0',
      '上海仓, 12 left, no forecast',
      '杭州仓, 210 left, 30 days',
      '韵达, 1,531 left, 76 days',
    ]);
  });

  it('among urgent accounts: the soonest run-out first, a balance without a forecast counted against the threshold', () => {
    expect(
      names([
        account('low, 5 days', 50, 5),
        account('healthy balance, 1 day left', 5000, 1),
        account('90 of 100, no forecast (as 2.7 days)', 90, null),
        account('10 of 100, no forecast (as 0.3 days)', 10, null),
      ]),
    ).toEqual([
      '10 of 100, no forecast (as 0.3 days)',
      'healthy balance, 1 day left',
      '90 of 100, no forecast (as 2.7 days)',
      'low, 5 days',
    ]);
  });

  it('after the urgent ones: the soonest run-out, then the lowest balance; then unread; then not bound', () => {
    expect(
      names([
        account('reviewing', null, null, 'reviewing'),
        account('failed query', null, null),
        account('no forecast, 300', 300, null),
        account('unbound with old history', 50, 1, 'unbound'),
        account('forecast, 200 days', 9000, 200),
        account('unread, forecast from history', null, 1),
      ]),
    ).toEqual([
      'unread, forecast from history',
      'forecast, 200 days',
      'no forecast, 300',
      'failed query',
      'reviewing',
      'unbound with old history',
    ]);
  });

  it('breaks ties by the smaller balance, then keeps the function’s order', () => {
    expect(names([account('a', 200, 4), account('b', 100, 4), account('c', 100, 4), account('d', 700, null)])).toEqual([
      'b',
      'c',
      'a',
      'd',
    ]);
  });

  it('leaves the list it was given as it was', () => {
    const list = [account('later', 1, 9), account('sooner', 1, 1)];
    byUrgency(list, RULE);
    expect(list.map((item) => item.name)).toEqual(['later', 'sooner']);
  });

  it('puts every low or soon-empty bound account before every other account, whatever the rule', () => {
    const anyAccount = fc.record({
      name: fc.string(),
      status: fc.constantFrom('bound', 'bound', 'reviewing', 'unbound'),
      quotaNum: fc.option(fc.nat({ max: 3000 }), { nil: null }),
      forecast: fc.record({ daysLeft: fc.option(fc.double({ min: 0, max: 400, noNaN: true }), { nil: null }) }),
    });
    fc.assert(
      fc.property(
        fc.array(anyAccount, { maxLength: 30 }),
        fc.record({ lowThreshold: fc.nat({ max: 500 }), alertDays: fc.nat({ max: 30 }) }),
        (accounts, rule) => {
          const urgent = (item: (typeof accounts)[number]) =>
            item.status === 'bound' &&
            (isLowBalance(item.quotaNum, rule.lowThreshold) ||
              (rule.alertDays > 0 && item.forecast.daysLeft !== null && item.forecast.daysLeft < rule.alertDays));
          const sorted = byUrgency(accounts, rule);
          const order = sorted.map(urgent);
          expect(order.indexOf(false) === -1 || order.lastIndexOf(true) < order.indexOf(false)).toBe(true);
          expect(sorted).toHaveLength(accounts.length);
        },
      ),
    );
  });
});
