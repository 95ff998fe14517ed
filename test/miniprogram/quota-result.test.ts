import { checkEnvelope, readAllAccounts, readSingle } from '../../miniprogram/services/quota-result';
import { errorText } from '../../miniprogram/services/error-text';
import { formatTime } from '../../miniprogram/services/format-time';
import { callerOpenId } from '../../miniprogram/services/caller-openid';
import { ErrorCode, type Forbidden, type ForbiddenReason } from '../../src/contract/errors';
import { accountResult } from '../support/account-result';

const forecast = { dailyUsage: 40, daysLeft: 5.25, runsOutAt: '2026-12-04T07:00:00.000Z', basedOnHours: 300 };
const account = accountResult({ forecast });
const all = { accounts: [account], unsupported: [], fetchedAt: '2026-11-29T01:00:00.000Z', alertDays: 3 };

describe('checkEnvelope', () => {
  it('accepts a well-formed result and keeps only known fields', () => {
    expect(checkEnvelope({ ok: true, data: { ...all, extra: 1 } }, readAllAccounts)).toEqual({ ok: true, data: all });
    expect(
      checkEnvelope({ ok: true, data: { deliveryId: 'YTO', bizId: 'xyz', quotaNum: 0, fetchedAt: 'x' } }, readSingle),
    ).toMatchObject({ ok: true });
    expect(checkEnvelope({ ok: false, error: { code: 'FORBIDDEN', message: 'no', errCode: 1 } }, readSingle)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'no', errCode: 1 },
    });
  });

  it('keeps why the caller was refused', () => {
    const refused = { code: 'FORBIDDEN', message: 'm', forbidden: { reason: 'not-admin', openId: 'oA' } };
    expect(
      checkEnvelope(
        { ok: false, error: { ...refused, forbidden: { ...refused.forbidden, extra: 1 } } },
        readAllAccounts,
      ),
    ).toEqual({ ok: false, error: refused });
    expect(
      checkEnvelope(
        { ok: false, error: { code: 'FORBIDDEN', message: 'm', forbidden: { reason: 'cross-account' } } },
        readAllAccounts,
      ),
    ).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'm', forbidden: { reason: 'cross-account' } },
    });
  });

  it("keeps the courier's reason and why an account is not queried", () => {
    const refused = {
      code: 'WECHAT_ERROR',
      message: 'm',
      errCode: 9300501,
      courier: { code: '10001', message: '客户编码或者月结账户不存在' },
    };
    expect(checkEnvelope({ ok: false, error: refused }, readSingle)).toEqual({ ok: false, error: refused });
    const unsupported = [{ deliveryId: 'NEWCO', deliveryName: '', bizId: 'N1', alias: '', reason: 'courier-unlisted' }];
    expect(
      checkEnvelope(
        { ok: true, data: { ...all, accounts: [{ ...account, error: refused }], unsupported } },
        readAllAccounts,
      ),
    ).toEqual({ ok: true, data: { ...all, accounts: [{ ...account, error: refused }], unsupported } });
  });

  it('accepts a stored balance, and an account without a forecast yet', () => {
    const stored = {
      ...account,
      quotaSource: 'stored',
      forecast: { dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 0 },
    };
    expect(checkEnvelope({ ok: true, data: { ...all, accounts: [stored] } }, readAllAccounts)).toEqual({
      ok: true,
      data: { ...all, accounts: [stored] },
    });
  });

  it.each([
    [null],
    [{ ok: 'yes' }],
    [{ ok: true, data: { ...all, accounts: [{ ...account, quotaNum: Number.NaN }] } }],
    [{ ok: true, data: { ...all, accounts: [{ ...account, quotaSource: 'guess' }] } }],
    [{ ok: true, data: { ...all, accounts: [{ ...account, error: { code: 1 } }] } }],
    [{ ok: true, data: { ...all, unsupported: null } }],
    [{ ok: true, data: { ...all, lowThreshold: '50' } }],
    [{ ok: true, data: { ...all, accounts: [{ ...account, forecast: undefined }] } }],
    [{ ok: true, data: { ...all, accounts: [{ ...account, forecast: { ...forecast, daysLeft: '5' } }] } }],
    [{ ok: true, data: { ...all, alertDays: undefined } }],
    [{ ok: true, data: { ...all, alertDays: -1 } }],
    [{ ok: false, error: { code: 'X', message: 'm', errCode: '1' } }],
    [{ ok: false, error: { code: 'X', message: 'm', courier: { code: 10001, message: 'm' } } }],
    [{ ok: false, error: { code: 'X', message: 'm', courier: '10001' } }],
    [{ ok: false, error: { code: 'FORBIDDEN', message: 'm', forbidden: 'not-admin' } }],
    [{ ok: false, error: { code: 'FORBIDDEN', message: 'm', forbidden: { reason: 'not-admin', openId: 42 } } }],
    [{ ok: false, error: { code: 'FORBIDDEN', message: 'm', forbidden: { openId: 'oA' } } }],
    [
      {
        ok: true,
        data: { ...all, accounts: [{ ...account, error: { code: 'X', message: 'm', courier: { code: '1' } } }] },
      },
    ],
    [{ ok: true, data: { ...all, unsupported: [{ deliveryId: 'SF', deliveryName: '', bizId: 'S', alias: '' }] } }],
    [
      {
        ok: true,
        data: { ...all, unsupported: [{ deliveryId: 'SF', deliveryName: '', bizId: 'S', alias: '', reason: 'other' }] },
      },
    ],
  ])('rejects %j', (result) => {
    expect(checkEnvelope(result, readAllAccounts)).toBeUndefined();
  });
});

describe('errorText', () => {
  it('has a Chinese sentence of its own for every stable code, and says an unknown code as INTERNAL', () => {
    const codes = Object.values(ErrorCode);
    const sentences = codes.map((code) => errorText({ code, message: '' }));
    for (const sentence of sentences) expect(sentence).toMatch(/[\u4e00-\u9fff]/);
    // Distinct per code: a missing case would fall back to INTERNAL's sentence and collide with it.
    expect(new Set(sentences).size).toBe(codes.length);
    expect(errorText({ code: 'SOMETHING_NEW', message: '' })).toBe(
      errorText({ code: ErrorCode.INTERNAL, message: '' }),
    );
  });

  it("has a sentence of its own for each of the function's refusal reasons, and a general one for others", () => {
    // Typed by the function's own union: a reason added there fails to compile here until the page says it.
    const details: Record<ForbiddenReason, Forbidden> = {
      'not-admin': { reason: 'not-admin', openId: 'oA' },
      'no-admins-configured': { reason: 'no-admins-configured', openId: 'oA' },
      'no-openid': { reason: 'no-openid' },
      source: { reason: 'source' },
      'cross-account': { reason: 'cross-account' },
      'not-timer': { reason: 'not-timer' },
    };
    const general = errorText({ code: 'FORBIDDEN', message: '' });
    const sentences = Object.values(details).map((forbidden) =>
      errorText({ code: 'FORBIDDEN', message: '', forbidden }),
    );
    expect(new Set([...sentences, general]).size).toBe(sentences.length + 1);
    expect(errorText({ code: 'FORBIDDEN', message: '', forbidden: { reason: 'constructor' } })).toBe(general);
    expect(general).toBe('你没有查看面单余额的权限：请联系管理员。');
  });
});

describe('callerOpenId', () => {
  it.each(['not-admin', 'no-admins-configured'])(
    'takes the OPENID from the `forbidden` field of a %s refusal, whole',
    (reason) => {
      expect(callerOpenId({ code: 'FORBIDDEN', message: 'm', forbidden: { reason, openId: 'o-_.weird.' } })).toBe(
        'o-_.weird.',
      );
    },
  );

  it('never reads it from the message, and shows none for refusals an OPENID does not resolve', () => {
    expect(
      callerOpenId({ code: 'FORBIDDEN', message: 'Your OPENID oAbc is not in QUOTA_ADMIN_OPENIDS.' }),
    ).toBeUndefined();
    expect(
      callerOpenId({ code: 'FORBIDDEN', message: 'm', forbidden: { reason: 'cross-account', openId: 'oAbc' } }),
    ).toBeUndefined();
    expect(
      callerOpenId({ code: 'FORBIDDEN', message: 'm', forbidden: { reason: 'not-admin', openId: '' } }),
    ).toBeUndefined();
    expect(
      callerOpenId({ code: 'INVALID_INPUT', message: 'm', forbidden: { reason: 'not-admin', openId: 'oAbc' } }),
    ).toBeUndefined();
  });
});

describe('formatTime', () => {
  const now = new Date(2026, 10, 29, 9, 30, 0).getTime();
  const local = (...parts: [number, number, number, number, number, number?]) => new Date(...parts).toISOString();

  it.each([
    ['a time under a minute old', local(2026, 10, 29, 9, 29, 31), '刚刚'],
    ['a time slightly ahead of the phone', local(2026, 10, 29, 9, 30, 40), '刚刚'],
    ['a time minutes old', local(2026, 10, 29, 9, 23, 0), '7 分钟前'],
    ['a time 59 minutes old', local(2026, 10, 29, 8, 31, 0), '59 分钟前'],
    ['a time an hour old', local(2026, 10, 29, 8, 30, 0), '11-29 08:30'],
    ['a time this year', local(2026, 0, 2, 7, 5, 0), '01-02 07:05'],
    ['a time last year', local(2025, 11, 31, 23, 59, 0), '2025-12-31 23:59'],
    ['a time from 2023', local(2023, 5, 15, 12, 0, 0), '2023-06-15 12:00'],
    ['a time far ahead of the phone', local(2026, 10, 29, 12, 0, 0), '11-29 12:00'],
  ])('shows %s', (_name, iso, text) => {
    expect(formatTime(iso, now)).toBe(text);
  });

  it('leaves an unreadable time as it is', () => {
    expect(formatTime('soon', now)).toBe('soon');
  });
});
