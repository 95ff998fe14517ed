import { sortAccounts, type Orderable } from '../../miniprogram/services/account-order';

const account = (name: string, quotaNum: number | null, daysLeft: number | null, status = 'bound') => ({
  name,
  status,
  quotaNum,
  forecast: { daysLeft },
});
const names = (accounts: (Orderable & { name: string })[]) => sortAccounts(accounts).map((item) => item.name);

describe('the order of the accounts on the page', () => {
  it('puts the soonest run-out first, whatever the balances', () => {
    expect(
      names([account('big but busy', 5000, 2), account('small but quiet', 40, 30), account('soonest', 900, 0.5)]),
    ).toEqual(['soonest', 'big but busy', 'small but quiet']);
  });

  it('puts accounts without a forecast after those with one, smallest balance first', () => {
    expect(
      names([account('no history, 300', 300, null), account('forecast', 9000, 200), account('no usage, 20', 20, null)]),
    ).toEqual(['forecast', 'no usage, 20', 'no history, 300']);
  });

  it('ranks by the forecast even when today’s balance could not be read', () => {
    expect(names([account('read', 100, 5), account('unread, forecast from history', null, 1)])).toEqual([
      'unread, forecast from history',
      'read',
    ]);
  });

  it('keeps unread balances after read ones, and accounts that are not bound last', () => {
    expect(
      names([
        account('reviewing', null, null, 'reviewing'),
        account('failed query', null, null),
        account('bound', 10, null),
        account('unbound with old history', 50, 1, 'unbound'),
      ]),
    ).toEqual(['bound', 'failed query', 'reviewing', 'unbound with old history']);
  });

  it('breaks ties by the smaller balance, then keeps the function’s order', () => {
    expect(
      names([
        account('a', 200, 4),
        account('b', 100, 4),
        account('c', 100, 4),
        account('d', 7, null),
        account('e', 7, null),
      ]),
    ).toEqual(['b', 'c', 'a', 'd', 'e']);
  });

  it('leaves the list it was given as it was', () => {
    const list = [account('later', 1, 9), account('sooner', 1, 1)];
    sortAccounts(list);
    expect(list.map((item) => item.name)).toEqual(['later', 'sooner']);
  });
});
