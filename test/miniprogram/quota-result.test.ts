import { checkEnvelope, readAllAccounts, readSingle } from '../../miniprogram/services/quota-result';
import { errorText } from '../../miniprogram/services/error-text';
import { formatTime } from '../../miniprogram/services/format-time';

const account = { deliveryId: 'YTO', deliveryName: '圆通速递', bizId: 'xyz', alias: '', statusCode: 0, status: 'bound', quotaNum: 210, quotaSource: 'live', quotaUpdatedAt: '2026-11-29T01:00:00.000Z' };
const all = { accounts: [account], unsupported: [], fetchedAt: '2026-11-29T01:00:00.000Z' };

describe('checkEnvelope', () => {
  it('accepts a well-formed result and keeps only known fields', () => {
    expect(checkEnvelope({ ok: true, data: { ...all, extra: 1 } }, readAllAccounts)).toEqual({ ok: true, data: all });
    expect(checkEnvelope({ ok: true, data: { deliveryId: 'YTO', bizId: 'xyz', quotaNum: 0, fetchedAt: 'x' } }, readSingle)).toMatchObject({ ok: true });
    expect(checkEnvelope({ ok: false, error: { code: 'FORBIDDEN', message: 'no', errCode: 1 } }, readSingle)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'no', errCode: 1 } });
  });

  it.each([
    [null],
    [{ ok: 'yes' }],
    [{ ok: true, data: { ...all, accounts: [{ ...account, quotaNum: Number.NaN }] } }],
    [{ ok: true, data: { ...all, accounts: [{ ...account, quotaSource: 'guess' }] } }],
    [{ ok: true, data: { ...all, accounts: [{ ...account, error: { code: 1 } }] } }],
    [{ ok: true, data: { ...all, unsupported: null } }],
    [{ ok: true, data: { ...all, lowThreshold: '50' } }],
    [{ ok: false, error: { code: 'X', message: 'm', errCode: '1' } }],
  ])('rejects %j', (result) => {
    expect(checkEnvelope(result, readAllAccounts)).toBeUndefined();
  });
});

describe('errorText', () => {
  it('has a Chinese sentence for every stable code, and a fallback', () => {
    for (const code of ['INVALID_INPUT', 'FORBIDDEN', 'PERMISSION_DENIED', 'ACCOUNT_NOT_BOUND', 'COURIER_NOT_SUPPORTED', 'RATE_LIMITED', 'CREDENTIALS_INVALID', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_INVALID', 'WECHAT_ERROR', 'INTERNAL', 'SOMETHING_NEW']) {
      expect(errorText({ code, message: '' })).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('formatTime', () => {
  it('shows month, day and time, and leaves an unreadable time as it is', () => {
    expect(formatTime('2026-11-29T01:02:03.000Z')).toMatch(/^\d\d-\d\d \d\d:02:03$/);
    expect(formatTime('soon')).toBe('soon');
  });
});
