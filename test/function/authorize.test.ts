import { QuotaError } from '../../src/core/errors';
import { authorize, parseAdminOpenIds } from '../../src/function/authorize';

function refusal(run: () => unknown): QuotaError {
  try {
    run();
  } catch (error) {
    if (error instanceof QuotaError) return error;
  }
  throw new Error('expected a FORBIDDEN QuotaError');
}

describe('authorize', () => {
  it.each(['wx_trigger', 'wx_http', 'scf', 'scf,scf'])('lets the server-side source %s in without an OPENID', (source) => {
    expect(authorize({ source }, undefined)).toBe('server');
  });

  it.each(['wx_client', 'wx_devtools', 'wx_localdebug'])('lets a listed admin in from %s', (source) => {
    expect(authorize({ source, openId: 'oB' }, 'oA, oB ,oC')).toBe('admin');
  });

  it('judges a chain by its origin: a user going through another function still needs the list', () => {
    expect(refusal(() => authorize({ source: 'wx_client,scf', openId: 'oX' }, 'oA')).code).toBe('FORBIDDEN');
    expect(authorize({ source: 'wx_client,scf', openId: 'oA' }, 'oA')).toBe('admin');
  });

  it.each(['wx_crawler', 'wx_unknown', 'tcb_web', '', undefined])('refuses the source %s', (source) => {
    const error = refusal(() => authorize({ source, openId: 'oA' }, 'oA'));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('may not read balances');
  });

  it('refuses a user with no OPENID', () => {
    expect(refusal(() => authorize({ source: 'wx_client', openId: ' ' }, 'oA')).message).toContain('no OPENID');
  });

  it('tells an unlisted user their OPENID and whom to ask', () => {
    expect(refusal(() => authorize({ source: 'wx_client', openId: 'oZ' }, 'oA')).message).toBe(
      "Your OPENID oZ is not in QUOTA_ADMIN_OPENIDS. Ask an admin to add it to the function's environment variables.",
    );
  });

  it('says how to set the list when it is empty', () => {
    expect(refusal(() => authorize({ source: 'wx_client', openId: 'oZ' }, ' , ')).message).toContain('QUOTA_ADMIN_OPENIDS is not set');
  });
});

describe('parseAdminOpenIds', () => {
  it('splits on commas, trims, and drops blanks', () => {
    expect([...parseAdminOpenIds(' oA,,oB , ')]).toEqual(['oA', 'oB']);
    expect(parseAdminOpenIds(undefined).size).toBe(0);
  });
});
