import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sampleBackEnd } from '../cli/quota-harness';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

/** scripts/doctor.ts as npm runs it, from `cwd` (INIT_CWD), with only these variables beside PATH. */
async function doctorScript(argv: string[], cwd: string, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(TSX, [path.join(ROOT, 'scripts/doctor.ts'), ...argv], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', INIT_CWD: cwd, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('scripts/doctor.ts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'doctor-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads --function-env relative to where the command was typed, the environment winning', async () => {
    const backEnd = await sampleBackEnd();
    try {
      const { WX_APPID, WX_APPSECRET, WX_API_BASE_URL } = backEnd.env();
      await writeFile(
        path.join(dir, 'function.env'),
        `# the function's variables\nWX_APPID=${WX_APPID}\nWX_APPSECRET=${WX_APPSECRET}\nQUOTA_LOW_THRESHOLD=abc\n`,
      );
      const result = await doctorScript(['--function-env', 'function.env', '--json'], dir, {
        WX_API_BASE_URL: WX_API_BASE_URL!,
        QUOTA_LOW_THRESHOLD: '50',
      });
      const report = JSON.parse(result.stdout) as { exit: number; checks: Array<{ id: string; status: string }> };
      expect(result.code).toBe(report.exit);
      expect(report.checks.find((check) => check.id === 'credentials')?.status).toBe('ok');
      expect(report.checks.find((check) => check.id === 'template')?.status).toBe('skip');
      expect(result.stdout).not.toContain(WX_APPSECRET);
    } finally {
      await backEnd.close();
    }
  }, 30_000);

  it('refuses an env file it cannot read, or a line that is not KEY=VALUE, exit 2, never echoing it', async () => {
    await writeFile(path.join(dir, 'bad.env'), 'WX_APPSECRET: hunter2hunter2\n');
    const bad = await doctorScript(['--function-env', 'bad.env'], dir);
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([
      2,
      '',
      'npm run doctor: bad.env line 1 is not KEY=VALUE (such as QUOTA_LOW_THRESHOLD=50)\n',
    ]);
    const missing = await doctorScript(['--function-env', 'missing.env'], dir);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      'npm run doctor: --function-env missing.env cannot be read (ENOENT)\n',
    ]);
  }, 30_000);
});
