import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

async function start(args: string[], variables: Record<string, string> = {}) {
  // The shell's QUOTA_ variables reach the function: none of the developer's own leak into these runs.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('QUOTA_')));
  try {
    const { stdout, stderr } = await run(TSX, ['scripts/start.ts', ...args], {
      cwd: ROOT,
      env: { ...env, ...variables },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** What is in the folder DevTools uploads, with each file's size and time: unchanged by any local run. */
async function deployable(): Promise<string[]> {
  const dir = path.join(ROOT, 'cloudfunctions', 'getQuota');
  const names = await readdir(dir, { recursive: true }).catch(() => []);
  return Promise.all(
    names.sort().map(async (name) => {
      const stats = await stat(path.join(dir, name));
      return `${name} ${stats.size} ${stats.mtimeMs}`;
    }),
  );
}

describe('npm start', () => {
  it('prints every bound account with its courier and live balance, including YTO / xyz → 210', async () => {
    const before = await deployable();
    const { code, stdout, stderr } = await start([]);
    // Built elsewhere: what DevTools deploys changes only through npm run build or deploy.
    expect(await deployable()).toEqual(before);
    expect(code).toBe(0);
    expect(stdout).toMatch(/圆通速递\s+YTO\s+xyz\s+杭州仓\s+210/);
    expect(stdout).toMatch(/中通快递\s+ZTO\s+ZT10086\s+上海仓\s+12/);
    expect(stdout).toContain('顺丰速运 0210001234');
    expect(stderr).toContain('running it in the local cloud emulator');
    expect(stderr).toMatch(/Cloud database: \d+ calls, [\d.]+ KiB read, [\d.]+ KiB sent/);
    // The sample's month of history: days left, the most urgent first.
    expect(stdout).toMatch(
      /中通快递\s+ZTO\s+ZT10086\s+上海仓\s+12\s+-\s+LOW: under 100\n圆通速递\s+YTO\s+xyz\s+杭州仓\s+210\s+~2\.\d/,
    );
    expect(stderr).toContain('Function variables: none from your shell');
  }, 30_000);

  it("passes the function's own variables from the shell, says which, and shows what a bad value does", async () => {
    const { code, stdout, stderr } = await start(['--json'], {
      QUOTA_LOW_THRESHOLD: 'abc',
      QUOTA_ALERT_WEBHOOKS: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY-1',
    });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
    expect(stderr).toContain(
      'Function variables from your shell: QUOTA_ALERT_WEBHOOKS=(set, not shown), QUOTA_LOW_THRESHOLD="abc"',
    );
    expect(stderr + stdout).not.toContain('SECRET-KEY-1');
  }, 30_000);

  it('runs the timer with --timer and prints each subscribe message the alerts would send', async () => {
    const { code, stdout } = await start(['--timer'], { QUOTA_ALERT_TEMPLATE_ID: 'tmpl-local' });
    expect(code).toBe(0);
    expect(stdout).toContain('Alerts: alerted YTO/xyz (first), ZTO/ZT10086 (first); sent 1');
    expect(stdout).toMatch(
      /subscribe message to oLocalAdmin\w+: thing1="中通快递 上海仓等2个账号", number2="12", thing3="约2天后用完，请及时充值"/,
    );
    const off = await start(['--timer']);
    expect(off.stdout).toContain('Alerts: off. Set QUOTA_ALERT_TEMPLATE_ID');
  }, 30_000);

  it('prints only the envelope as JSON on stdout with --json', async () => {
    const { code, stdout } = await start(['--json', '--delivery-id', 'YTO', '--biz-id', 'xyz']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      ok: true,
      data: { deliveryId: 'YTO', bizId: 'xyz', quotaNum: 210, fetchedAt: expect.any(String) },
    });
  }, 30_000);

  it('exits 1 with one reason line for an account that is not bound, as npm run quota does', async () => {
    const { code, stdout, stderr } = await start(['--delivery-id', 'YTO', '--biz-id', 'nobody']);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr.trim().split('\n').at(-1)).toMatch(/^npm start: ACCOUNT_NOT_BOUND \(9300525\): /);
    expect(stderr.split('ACCOUNT_NOT_BOUND (9300525)').length - 1).toBe(1);
  }, 30_000);

  it('exits 2 with a one-line reason for a bad argument or state file', async () => {
    const bad = await start(['--delivery-id', 'YTO']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe(
      'npm start: --delivery-id and --biz-id go together: give both to query one account, or neither to list all. (npm start -- --help lists the options)\n',
    );
    const missing = await start(['--state', 'no-such-state.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the state file');
  }, 30_000);
});
