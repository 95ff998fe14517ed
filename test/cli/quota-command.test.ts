import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { runQuotaCommand } from '../../src/cli/quota-command';
import sampleState from '../../src/emulator/sample-state.json';
import { startHttpsFace, type HttpsFace } from '../../src/emulator/https-server';
import type { ModelStateInput } from '../../src/emulator/state';
import { EMULATED_CREDENTIALS, WechatModel } from '../../src/emulator/wechat-model';

async function quota(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runQuotaCommand({ argv, env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('npm run quota without credentials', () => {
  it('answers from the embedded fake back end and says so on stderr', async () => {
    const { code, stdout, stderr } = await quota([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/圆通速递\s+YTO\s+xyz\s+杭州仓\s+210/);
    expect(stderr).toContain('WX_APPID and WX_APPSECRET are not set: answering from the embedded fake WeChat back end');
  });

  it('prints the same envelope as the cloud function with --json, and only that on stdout', async () => {
    const { code, stdout } = await quota(['--json', '--delivery-id', 'YTO', '--biz-id', 'xyz']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ ok: true, data: { deliveryId: 'YTO', bizId: 'xyz', quotaNum: 210, fetchedAt: expect.any(String) } });
  });

  it('marks balances under --low and exits 3, naming them on stderr', async () => {
    const { code, stdout, stderr } = await quota(['--low', '100']);
    expect(code).toBe(3);
    expect(stdout).toMatch(/ZT10086\s+上海仓\s+12\s+LOW: under 100/);
    expect(stdout).not.toMatch(/xyz.*LOW/);
    expect(stderr.trim().split('\n').at(-1)).toBe('quota: 1 balance under 100: ZTO/ZT10086 (12)');
  });

  it('exits 0 when nothing is under --low', async () => {
    expect((await quota(['--low', '12'])).code).toBe(0);
  });

  it('exits 1 with a one-line reason when the query fails', async () => {
    const { code, stdout, stderr } = await quota(['--delivery-id', 'YTO', '--biz-id', 'nobody']);
    expect(code).toBe(1);
    expect(stdout).toContain('Error ACCOUNT_NOT_BOUND (9300525)');
    expect(stderr.trim().split('\n').at(-1)).toMatch(/^quota: ACCOUNT_NOT_BOUND \(9300525\): .*Take bizId from the bound-account list/);
  });

  it.each([
    [['--low', 'many'], '--low takes a whole number'],
    [['--timeout', '0'], '--timeout must be more than 0'],
    [['--delivery-id', 'YTO'], '--delivery-id and --biz-id go together'],
    [['--delivery-id', 'Y T O', '--biz-id', 'x'], 'invalid account: deliveryId: must contain only letters'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('exits 2 for %j, saying what is wrong', async (argv, message) => {
    const { code, stdout, stderr } = await quota(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('documents every option and variable with --help', async () => {
    const { code, stdout } = await quota(['--help']);
    expect(code).toBe(0);
    for (const word of ['--delivery-id', '--biz-id', '--json', '--low', '--timeout', 'WX_APPID', 'WX_APPSECRET', 'WX_API_BASE_URL', 'Exit status']) expect(stdout).toContain(word);
  });
});

describe('npm run quota with credentials', () => {
  let model: WechatModel;
  let face: HttpsFace;
  beforeEach(async () => {
    model = new WechatModel(sampleState as ModelStateInput);
    face = await startHttpsFace(model);
  });
  afterEach(() => face.close());
  const env = (secret = EMULATED_CREDENTIALS.appSecret) => ({ WX_APPID: EMULATED_CREDENTIALS.appId, WX_APPSECRET: secret, WX_API_BASE_URL: face.baseUrl });

  it('talks to WX_API_BASE_URL with WX_APPID and WX_APPSECRET, and says nothing about a fake', async () => {
    const { code, stdout, stderr } = await quota(['--delivery-id', 'YTO', '--biz-id', 'xyz'], env());
    expect(code).toBe(0);
    expect(stdout).toContain('YTO / xyz: 210 waybills left');
    expect(stderr).toBe('');
    expect(face.urlsSeen[0]).toBe('/cgi-bin/stable_token');
  });

  it('never prints the secret or a token, whatever fails', async () => {
    model.addFault({ api: 'logistics.getQuota', drop: true });
    const dropped = await quota(['--delivery-id', 'YTO', '--biz-id', 'xyz'], env());
    const wrongSecret = await quota(['--json'], env('a-wrong-secret-7d1e'));
    const printed = [dropped.stdout, dropped.stderr, wrongSecret.stdout, wrongSecret.stderr].join('\n');
    expect(dropped.code).toBe(1);
    expect(wrongSecret.code).toBe(1);
    expect(JSON.parse(wrongSecret.stdout)).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_INVALID', errCode: 40125 } });
    expect(printed).toContain('access_token=***');
    expect(printed).not.toContain(EMULATED_CREDENTIALS.appSecret);
    expect(printed).not.toContain('a-wrong-secret-7d1e');
    expect(printed).not.toMatch(/EMU\d{4}_/);
  });

  it('exits 1 when an account cannot be read live, naming it', async () => {
    model.addFault({ api: 'logistics.getQuota', deliveryId: 'ZTO', errcode: 9300525 });
    const { code, stderr } = await quota([], env());
    expect(code).toBe(1);
    expect(stderr).toContain('1 of 4 accounts could not be read live: ZTO/ZT10086 ACCOUNT_NOT_BOUND');
  });

  it.each([
    [{ WX_APPID: 'wx1' }, 'WX_APPSECRET is not set'],
    [{ WX_APPSECRET: 'secret-only-123' }, 'WX_APPID is not set'],
    [{ WX_APPID: 'wx1', WX_APPSECRET: 's3cret-value', WX_API_BASE_URL: 'not a url' }, 'WX_API_BASE_URL is not a URL'],
    [{ WX_APPID: 'wx1', WX_APPSECRET: 's3cret-value', WX_API_BASE_URL: 'ftp://example.com' }, 'must start with https://'],
  ])('exits 2 for incomplete configuration %j', async (badEnv, message) => {
    const { code, stderr } = await quota([], badEnv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('s3cret-value');
  });
});

describe('scripts/quota.ts', () => {
  it('runs as `npm run quota` does and exits with the command status', async () => {
    const root = path.resolve(__dirname, '../..');
    const run = promisify(execFile);
    const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/quota.ts', '--json'], { cwd: root, env: { PATH: process.env.PATH } });
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, data: { accounts: expect.any(Array) } });
  }, 30_000);
});
