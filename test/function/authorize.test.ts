import { quotaErrorOf } from '../support/quota-error-of';
import { authorize, parseAdminOpenIds } from '../../src/function/access/authorize';

describe('authorize', () => {
  it.each(['wx_trigger', 'wx_http', 'scf', 'scf,scf'])(
    'lets the server-side source %s in without an OPENID',
    (source) => {
      expect(authorize({ source }, undefined)).toBe('server');
    },
  );

  it.each(['wx_client', 'wx_devtools', 'wx_localdebug'])('lets a listed admin in from %s', (source) => {
    expect(authorize({ source, openId: 'oB' }, 'oA, oB ,oC')).toBe('admin');
  });

  it('judges a chain by its origin: a user going through another function still needs the list', () => {
    expect(quotaErrorOf(() => authorize({ source: 'wx_client,scf', openId: 'oX' }, 'oA')).code).toBe('FORBIDDEN');
    expect(authorize({ source: 'wx_client,scf', openId: 'oA' }, 'oA')).toBe('admin');
  });

  it.each(['wx_crawler', 'wx_unknown', 'tcb_web', '', undefined])('refuses the source %s', (source) => {
    const error = quotaErrorOf(() => authorize({ source, openId: 'oA' }, 'oA'));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.forbidden).toEqual({ reason: 'source' });
    expect(error.message).toContain('may not read balances');
  });

  it('refuses a user with no OPENID', () => {
    const error = quotaErrorOf(() => authorize({ source: 'wx_client', openId: ' ' }, 'oA'));
    expect(error.message).toContain('no OPENID');
    expect(error.forbidden).toEqual({ reason: 'no-openid' });
  });

  it('tells an unlisted user their OPENID and whom to ask', () => {
    expect(quotaErrorOf(() => authorize({ source: 'wx_client', openId: 'oZ' }, 'oA')).message).toBe(
      "Your OPENID oZ is not in QUOTA_ADMIN_OPENIDS. Ask an admin to add it to the function's environment variables.",
    );
  });

  it('says how to set the list when it is empty', () => {
    expect(quotaErrorOf(() => authorize({ source: 'wx_client', openId: 'oZ' }, ' , ')).message).toContain(
      'QUOTA_ADMIN_OPENIDS is not set',
    );
  });

  it.each([
    ['not on the list', 'oA', 'not-admin'],
    ['and the list is empty', ' , ', 'no-admins-configured'],
  ])('names why, and the whole OPENID to add, in a field of its own when the user is %s', (_case, admins, reason) => {
    const error = quotaErrorOf(() => authorize({ source: 'wx_client', openId: ' oAbc-def_ghi- ' }, admins));
    expect(error.forbidden).toEqual({ reason, openId: 'oAbc-def_ghi-' });
  });

  it('refuses a cross-account call as such, without naming an OPENID, before looking at the admin list', () => {
    const error = quotaErrorOf(() =>
      authorize({ source: 'wx_client', openId: 'oA', fromAppId: 'wxffffffffffffffff', fromOpenId: 'oF' }, 'oA'),
    );
    expect(error.forbidden).toEqual({ reason: 'cross-account' });
  });
});

describe('parseAdminOpenIds', () => {
  it('splits on commas, trims, and drops blanks', () => {
    expect([...parseAdminOpenIds(' oA,,oB , ')]).toEqual(['oA', 'oB']);
    expect(parseAdminOpenIds(undefined).size).toBe(0);
  });
});
