import { toWireError } from '../../src/core/errors/envelope';
import { ERROR_RULES, ruleFor } from '../../src/core/errors/error-table';
import { QuotaError } from '../../src/core/errors/errors';
import { ErrorCode } from '../../src/contract/errors';
import { forbidden } from '../../src/core/errors/forbidden';
import { toQuotaError } from '../../src/core/errors/to-quota-error';

describe('the error table', () => {
  it('maps every documented code to a stable code with a hint that says what to do', () => {
    const codes = new Set<string>(Object.values(ErrorCode));
    for (const [errCode, rule] of ERROR_RULES) {
      expect(codes.has(rule.code)).toBe(true);
      expect(rule.hint).toMatch(/\.$/);
      expect(rule.hint.length).toBeGreaterThan(20);
      expect(Number.isInteger(errCode)).toBe(true);
    }
  });

  it.each([
    [-1, 'UPSTREAM_UNAVAILABLE', true],
    [-501001, 'UPSTREAM_UNAVAILABLE', true],
    [-604101, 'PERMISSION_DENIED', false],
    [48001, 'PERMISSION_DENIED', false],
    [9300525, 'ACCOUNT_NOT_BOUND', false],
    [9300527, 'COURIER_NOT_SUPPORTED', false],
    [45011, 'RATE_LIMITED', false],
    [42001, 'CREDENTIALS_INVALID', false],
    [9300513, 'WECHAT_ERROR', false],
  ])('maps %i to %s (retryable: %s)', (errCode, code, retryable) => {
    expect(ruleFor(errCode)).toMatchObject({ code });
    expect(toQuotaError({ errCode }).retryable).toBe(retryable);
  });

  it('treats unknown negative codes as the platform failing and unknown positive ones as WeChat refusing', () => {
    expect(ruleFor(-123456).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(ruleFor(9399999).code).toBe('WECHAT_ERROR');
  });
});

describe('toQuotaError', () => {
  it('reads a wx-server-sdk error by its errCode, whatever its class is called', () => {
    const sdkError = Object.assign(new Error('x'), {
      errCode: 9300525,
      errMsg: 'openapi.logistics.getQuota:fail bizid not bind',
    });
    const error = toQuotaError(sdkError, 'logistics.getQuota');
    expect(error).toBeInstanceOf(QuotaError);
    expect(error).toMatchObject({ name: 'QuotaError', code: 'ACCOUNT_NOT_BOUND', errCode: 9300525, cause: sdkError });
    expect(error.message).toBe(
      'logistics.getQuota failed with code 9300525 (openapi.logistics.getQuota:fail bizid not bind). ' +
        'This bizId is not bound to the mini-program for this courier. ' +
        'Take bizId from the bound-account list ({ "all": true }).',
    );
  });

  it('reads a raw WeChat body with errcode/errmsg, also when the code is a numeric string', () => {
    expect(toQuotaError({ errcode: 45009, errmsg: 'reach max api daily quota limit' })).toMatchObject({
      code: 'RATE_LIMITED',
      errCode: 45009,
    });
    expect(toQuotaError({ errcode: '-1' })).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', errCode: -1 });
  });

  it('returns a QuotaError unchanged', () => {
    const original = new QuotaError('FORBIDDEN', 'no');
    expect(toQuotaError(original)).toBe(original);
  });

  it.each([new TypeError('cannot read x'), 'a string', undefined, null, 42, { errCode: 0 }])(
    'classifies %p as INTERNAL',
    (raw) => {
      const error = toQuotaError(raw);
      expect(error.code).toBe('INTERNAL');
      expect(error.errCode).toBeUndefined();
      expect(error.message).toMatch(/^Unexpected failure/);
    },
  );

  it('truncates a very long upstream message', () => {
    const error = toQuotaError({ errCode: 9300501, errMsg: 'x'.repeat(5000) });
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('toWireError', () => {
  it("carries why a caller was refused, and the courier's reason, onto the wire as copies", () => {
    const refused = forbidden({ reason: 'not-admin', openId: 'oA' }, 'Your OPENID oA is not in QUOTA_ADMIN_OPENIDS.');
    const wire = toWireError(refused);
    expect(wire).toEqual({
      code: 'FORBIDDEN',
      message: 'Your OPENID oA is not in QUOTA_ADMIN_OPENIDS.',
      forbidden: { reason: 'not-admin', openId: 'oA' },
    });
    expect(wire.forbidden).not.toBe(refused.forbidden);
    expect(
      toWireError(
        new QuotaError('WECHAT_ERROR', 'refused', {
          errCode: 9300501,
          courier: { code: '10002', message: '密码错误' },
        }),
      ),
    ).toEqual({
      code: 'WECHAT_ERROR',
      message: 'refused',
      errCode: 9300501,
      courier: { code: '10002', message: '密码错误' },
    });
  });

  it('adds no `forbidden` to other errors', () => {
    expect(toWireError(new QuotaError('RATE_LIMITED', 'wait', { errCode: 45011 }))).toEqual({
      code: 'RATE_LIMITED',
      message: 'wait',
      errCode: 45011,
    });
  });
});
