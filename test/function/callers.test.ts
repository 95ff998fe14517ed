import { quotaErrorOf } from '../support/quota-error-of';
import { authorize } from '../../src/function/access/authorize';
import { checkCrossAccount } from '../../src/function/access/cross-account';
import { parseIdList } from '../../src/function/access/id-list';
import { readCaller } from '../../src/function/access/wx-context';

describe('readCaller', () => {
  it('reads every id as a string, with the exact digits the cloud set when the SDK made a number of them', () => {
    const context = {
      OPENID: 1234567890123456800,
      APPID: 'wx00000000emulator',
      SOURCE: 'wx_client',
      FROM_APPID: '',
      ENV: 'e',
    };
    expect(readCaller(context, { WX_OPENID: '1234567890123456789' })).toEqual({
      source: 'wx_client',
      openId: '1234567890123456789',
      appId: 'wx00000000emulator',
    });
    expect(readCaller({ OPENID: 42 }, {})).toEqual({ source: undefined, openId: '42' });
  });

  it('ignores ids of types the cloud never sends', () => {
    expect(readCaller({ OPENID: { id: 1 }, FROM_OPENID: null, SOURCE: ['wx_client'] }, {})).toEqual({
      source: undefined,
    });
  });

  it('lets authorize check a numeric OPENID without throwing INTERNAL', () => {
    expect(authorize(readCaller({ OPENID: 42, SOURCE: 'wx_client' }, {}), '42')).toBe('admin');
  });
});

describe('parseIdList', () => {
  it('splits on commas, full-width commas, semicolons, spaces and new lines', () => {
    expect([...parseIdList(' oA，oB;oC ；oD\r\noE\t oF,, ')]).toEqual(['oA', 'oB', 'oC', 'oD', 'oE', 'oF']);
    expect(parseIdList(undefined).size).toBe(0);
  });
});

describe('checkCrossAccount', () => {
  const own = { QUOTA_APPID: 'wx1234567890abcdef' };

  it('lets calls of the app itself in, and any call when the own appid is not configured and no FROM_ is set', () => {
    expect(() => checkCrossAccount({ appId: 'wx1234567890abcdef' }, own)).not.toThrow();
    expect(() => checkCrossAccount({ appId: 'wxffffffffffffffff' }, {})).not.toThrow();
  });

  it('refuses a FROM_OPENID without a FROM_APPID as cross-account too', () => {
    const error = quotaErrorOf(() =>
      checkCrossAccount({ fromOpenId: 'oX' }, { QUOTA_SHARED_APPIDS: 'wxffffffffffffffff' }),
    );
    expect(error.message).toContain('another mini-program (an unnamed app)');
    expect(error).toMatchObject({ code: 'FORBIDDEN', forbidden: { reason: 'cross-account' } });
  });

  it('lets a shared app in by FROM_APPID or by APPID', () => {
    expect(() =>
      checkCrossAccount(
        { fromAppId: 'wxffffffffffffffff' },
        { QUOTA_SHARED_APPIDS: 'wxeeeeeeeeeeeeeeee，wxffffffffffffffff' },
      ),
    ).not.toThrow();
    expect(() =>
      checkCrossAccount({ appId: 'wxffffffffffffffff' }, { ...own, QUOTA_SHARED_APPIDS: 'wxffffffffffffffff' }),
    ).not.toThrow();
  });

  it('says QUOTA_APPID is invalid, and what it should be', () => {
    const error = quotaErrorOf(() => checkCrossAccount({}, { QUOTA_APPID: 'my app' }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain("QUOTA_APPID must be this mini-program's appid");
  });
});
