import { EMULATED_CREDENTIALS } from '../../emulator/wechat-model';
import { quota, sampleBackEnd, type SampleBackEnd } from './quota-harness';

describe('npm run quota --demo', () => {
  it('prints the same envelope as the cloud function with --json, and only that on stdout', async () => {
    const { code, stdout } = await quota(['--demo', '--json', '--delivery-id', 'YTO', '--biz-id', 'xyz']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      ok: true,
      data: { deliveryId: 'YTO', bizId: 'xyz', quotaNum: 210, fetchedAt: expect.any(String) },
    });
  });

  it('marks balances under --low and exits 3, naming them on stderr', async () => {
    const { code, stdout, reason } = await quota(['--demo', '--low', '100']);
    expect(code).toBe(3);
    expect(stdout).toMatch(/ZT10086\s+上海仓\s+12\s+LOW: under 100/);
    expect(stdout).not.toMatch(/xyz.*LOW/);
    expect(reason).toBe('quota: 1 balance under 100: ZTO/ZT10086 (12)');
  });

  it('exits 0 when nothing is under --low', async () => {
    expect((await quota(['--demo', '--low', '12'])).code).toBe(0);
  });

  it('exits 1 with a one-line reason when the query fails, said once (a terminal shows stdout and stderr)', async () => {
    const { code, stdout, stderr, reason } = await quota(['--demo', '--delivery-id', 'YTO', '--biz-id', 'nobody']);
    expect(code).toBe(1);
    expect(reason).toMatch(/^quota: ACCOUNT_NOT_BOUND \(9300525\): .*Take bizId from the bound-account list/);
    expect((stdout + stderr).split('Take bizId from the bound-account list').length - 1).toBe(1);
    const json = await quota(['--demo', '--json', '--delivery-id', 'YTO', '--biz-id', 'nobody']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_NOT_BOUND' } });
  });
});

describe('npm run quota with credentials', () => {
  let backEnd: SampleBackEnd;
  beforeEach(async () => {
    backEnd = await sampleBackEnd();
  });
  afterEach(() => backEnd.close());

  it('talks to WX_API_BASE_URL with WX_APPID and WX_APPSECRET, and says nothing about a sample', async () => {
    const { code, stdout, stderr } = await quota(['--delivery-id', 'YTO', '--biz-id', 'xyz'], backEnd.env());
    expect(code).toBe(0);
    expect(stdout).toContain('YTO / xyz: 210 waybills left');
    expect(stderr).toBe('');
    expect(backEnd.face.urlsSeen[0]).toBe('/cgi-bin/stable_token');
  });

  it('never prints the secret or a token, whatever fails', async () => {
    backEnd.model.addFault({ api: 'logistics.getQuota', drop: true });
    const dropped = await quota(['--delivery-id', 'YTO', '--biz-id', 'xyz'], backEnd.env());
    const wrongSecret = await quota(['--json'], backEnd.env({ WX_APPSECRET: 'a-wrong-secret-7d1e' }));
    const printed = [dropped.stdout, dropped.stderr, wrongSecret.stdout, wrongSecret.stderr].join('\n');
    expect(dropped.code).toBe(1);
    expect(wrongSecret.code).toBe(1);
    expect(JSON.parse(wrongSecret.stdout)).toMatchObject({
      ok: false,
      error: { code: 'CREDENTIALS_INVALID', errCode: 40125 },
    });
    expect(printed).toContain('access_token=***');
    expect(printed).not.toContain(EMULATED_CREDENTIALS.appSecret);
    expect(printed).not.toContain('a-wrong-secret-7d1e');
    expect(printed).not.toMatch(/EMU\d{4}_/);
  });

  it('exits 1 when an account cannot be read live, naming it', async () => {
    backEnd.model.addFault({ api: 'logistics.getQuota', deliveryId: 'ZTO', errcode: 9300525 });
    const { code, reason } = await quota([], backEnd.env());
    expect(code).toBe(1);
    expect(reason).toBe('quota: 1 of 4 accounts could not be read live: ZTO/ZT10086 ACCOUNT_NOT_BOUND');
  });

  it.each([
    [{ WX_APPSECRET: undefined }, 'quota: WX_APPSECRET is not set: set both WX_APPID and WX_APPSECRET.'],
    [{ WX_APPID: '  ' }, 'quota: WX_APPID is not set: set both WX_APPID and WX_APPSECRET.'],
    [{ WX_API_BASE_URL: 'not a url' }, 'quota: WX_API_BASE_URL is not a URL: "not a url".'],
    [{ WX_API_BASE_URL: 'ftp://example.com' }, 'quota: WX_API_BASE_URL must start with https:// (got ftp:).'],
    [{ WX_API_BASE_URL: 'file:///etc/passwd' }, 'quota: WX_API_BASE_URL must start with https:// (got file:).'],
    [
      { WX_API_BASE_URL: 'https://gw.example.com/wechat?key=s3cret-value' },
      'quota: WX_API_BASE_URL must not carry a query string',
    ],
    [{ WX_API_BASE_URL: 'https://gw.example.com/wechat?' }, 'quota: WX_API_BASE_URL must not carry a query string'],
    [{ WX_API_BASE_URL: 'https://gw.example.com/#s3cret-value' }, 'quota: WX_API_BASE_URL must not carry a fragment'],
    [
      { WX_API_BASE_URL: 'https://user:s3cret-value@gw.example.com' },
      'quota: WX_API_BASE_URL must not carry a user name or password',
    ],
  ])(
    'exits 2 for configuration %j, naming the variable in one line',
    async (badEnv: Record<string, string | undefined>, message) => {
      const { code, stdout, stderr } = await quota([], { WX_APPID: 'wx1', WX_APPSECRET: 's3cret-value', ...badEnv });
      expect([code, stdout]).toEqual([2, '']);
      expect(stderr.startsWith(message)).toBe(true);
      expect(stderr.split('\n')).toHaveLength(2);
      expect(stderr).not.toContain('s3cret-value');
    },
  );
});
