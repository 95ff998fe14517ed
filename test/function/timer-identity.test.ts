import { assertTimerCaller, platformCaller } from '../../src/function/access/timer-identity';

describe('platformCaller: the timer is recognised from the platform in each form a real run takes', () => {
  it('(a) WX_CONTEXT_KEYS set: getWXContext() says SOURCE wx_trigger', () => {
    expect(platformCaller({ context: { SOURCE: 'wx_trigger' }, env: { TCB_SOURCE: 'wx_trigger' } })).toEqual({
      source: 'wx_trigger',
    });
  });

  it('(b) WX_CONTEXT_KEYS empty: getWXContext() is {}, TCB_SOURCE says wx_trigger', () => {
    expect(platformCaller({ context: {}, env: { TCB_SOURCE: 'wx_trigger' } }).source).toBe('wx_trigger');
  });

  it('(c) no TCB_SOURCE either: TRIGGER_SRC=timer with no user', () => {
    expect(
      platformCaller({ context: {}, env: { TRIGGER_SRC: 'timer', WX_TRIGGER_API_TOKEN_V0: 'token' } }).source,
    ).toBe('wx_trigger');
  });

  it('does not take TRIGGER_SRC=timer for a timer when a user is named', () => {
    expect(platformCaller({ context: {}, env: { TRIGGER_SRC: 'timer', WX_OPENID: 'oUser' } }).source).toBeUndefined();
    expect(platformCaller({ context: { OPENID: 'oUser' }, env: { TRIGGER_SRC: 'timer' } }).source).toBeUndefined();
  });

  it("keeps a user's OPENID, also when the SDK turned an all-digit one into a number", () => {
    expect(
      platformCaller({ context: { OPENID: 1234567, SOURCE: 'wx_client' }, env: { WX_OPENID: '1234567' } }),
    ).toEqual({ openId: '1234567', source: 'wx_client' });
  });
});

describe('assertTimerCaller', () => {
  it("lets only the function's own timer run alerts", () => {
    expect(() => assertTimerCaller({ source: 'wx_trigger' })).not.toThrow();
  });

  it.each(['wx_client', 'wx_http', 'scf', 'wx_trigger,scf', undefined])(
    'refuses %s with FORBIDDEN saying why',
    (source) => {
      expect(() => assertTimerCaller({ source, openId: 'oA' })).toThrow(
        expect.objectContaining({
          code: 'FORBIDDEN',
          message: expect.stringContaining("only the function's own timer trigger runs the low-balance alerts"),
        }),
      );
    },
  );
});
