import type { Emulator } from '../../emulator/emulator';
import { callers, type InvocationCaller } from '../../emulator/runtime';
import { EMULATED_CREDENTIALS } from '../../emulator/wechat-model';
import type { QuotaEnvelope } from '../../src/contract/answers';
import { ADMIN, startSampleEmulator } from './emulator-harness';

const NUMERIC_ADMIN = '1234567890123456789';
const SHARED_APP = 'wxAAAAAAAAAAAAAAAA';
const OTHER_APP = 'wxBBBBBBBBBBBBBBBB';
const YTO_XYZ = { deliveryId: 'YTO', bizId: 'xyz' };

describe('who may call, as the cloud describes callers to the built bundle', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startSampleEmulator({
      functionEnv: {
        // Pasted by hand: a full-width comma, a semicolon, a new line.
        QUOTA_ADMIN_OPENIDS: `${NUMERIC_ADMIN}，${ADMIN}; oSecondAdmin\noThirdAdmin`,
        QUOTA_APPID: EMULATED_CREDENTIALS.appId,
        QUOTA_SHARED_APPIDS: SHARED_APP,
      },
    });
  });
  afterEach(() => {
    emulator.model.calls.length = 0;
  });
  afterAll(async () => {
    expect(emulator.instance.unhandledRejections).toEqual([]);
    await emulator.close();
  });

  const invoke = (caller: InvocationCaller) => emulator.invoke(YTO_XYZ, caller) as Promise<QuotaEnvelope>;

  it('7. reads an OPENID of digits, which getWXContext hands over as a number, exactly as the cloud set it', async () => {
    expect(await invoke(callers.user(NUMERIC_ADMIN))).toMatchObject({ ok: true, data: { quotaNum: 210 } });
    expect(await invoke(callers.user('42'))).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining('Your OPENID 42 is not in QUOTA_ADMIN_OPENIDS'),
        forbidden: { reason: 'not-admin', openId: '42' },
      },
    });
  });

  it.each([ADMIN, 'oSecondAdmin', 'oThirdAdmin'])(
    '7. finds %s in an admin list separated by full-width commas, semicolons and new lines',
    async (openId) => {
      expect(await invoke(callers.user(openId))).toMatchObject({ ok: true });
    },
  );

  it.each([
    [
      'a user of another app through resource sharing',
      { ...callers.user(ADMIN), fromAppId: OTHER_APP, fromOpenId: 'oFromOther' },
      `another mini-program (${OTHER_APP}) through cloud resource sharing`,
    ],
    [
      'a function of another app through resource sharing',
      { ...callers.otherFunction(), fromAppId: OTHER_APP },
      `another mini-program (${OTHER_APP})`,
    ],
    [
      'a caller whose APPID is not this app',
      { ...callers.user(ADMIN), appId: OTHER_APP },
      `comes from mini-program ${OTHER_APP}, not from this one (QUOTA_APPID is ${EMULATED_CREDENTIALS.appId})`,
    ],
  ])('8. refuses %s, saying why and what would allow it, without calling WeChat', async (_case, caller, why) => {
    const result = await invoke(caller);
    expect(result).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining(why), forbidden: { reason: 'cross-account' } },
    });
    expect(result.ok ? '' : result.error.message).toContain('add its appid to QUOTA_SHARED_APPIDS');
    expect(emulator.model.calls).toEqual([]);
  });

  it('8. lets an app named in QUOTA_SHARED_APPIDS in, its user still checked against the admin list', async () => {
    expect(
      await invoke({ source: 'wx_client', appId: SHARED_APP, fromAppId: SHARED_APP, fromOpenId: 'oThirdAdmin' }),
    ).toMatchObject({ ok: true });
    expect(
      await invoke({ source: 'wx_client', appId: SHARED_APP, fromAppId: SHARED_APP, fromOpenId: 'oStranger' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', forbidden: { reason: 'not-admin', openId: 'oStranger' } },
    });
  });
});
