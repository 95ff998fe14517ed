import { isStale, storedNote } from '../../miniprogram/services/stored-balance';
import type { AccountResult } from '../../miniprogram/services/quota-result';
import { accountResult } from '../support/account-result';

const NOW = Date.UTC(2026, 10, 29, 1, 0, 0);
const MINUTE = 60_000;
const account = (quotaUpdatedAt: string | null, extra: Partial<AccountResult> = {}): AccountResult =>
  accountResult({ quotaSource: 'stored', quotaUpdatedAt, ...extra });
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('a stored balance on the page', () => {
  it('says how old it is and why it was not queried live', () => {
    expect(storedNote(account(ago(35 * MINUTE)), NOW)).toBe('35 分钟前的余额：账号较多，这次没有逐个实时查询。');
    expect(storedNote(account(ago(20_000)), NOW)).toBe('刚刚的余额：账号较多，这次没有逐个实时查询。');
    expect(storedNote(account(null), NOW)).toBe('之前读取的余额：账号较多，这次没有逐个实时查询。');
  });

  it('names the failure when its live query failed', () => {
    const failed = account(ago(35 * MINUTE), { error: { code: 'RATE_LIMITED', message: 'x', errCode: 45011 } });
    expect(storedNote(failed, NOW)).toBe(
      '实时余额查询失败：微信接口每分钟的调用次数已达上限：请等一分钟后再试。显示的是 35 分钟前的余额。',
    );
  });

  it('is muted once it is over two hours old, or of unknown age', () => {
    expect(isStale(account(ago(119 * MINUTE)), NOW)).toBe(false);
    expect(isStale(account(ago(121 * MINUTE)), NOW)).toBe(true);
    expect(isStale(account(null), NOW)).toBe(true);
    expect(isStale(account(ago(0), { quotaSource: 'live' }), NOW)).toBe(false);
    expect(isStale(account(ago(0), { quotaSource: 'snapshot' }), NOW)).toBe(true);
  });
});
