import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { QUOTA_USAGE, TIMEOUT_RANGE, describeRange } from '../../src/cli/quota-args';
import { quota } from './quota-harness';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run quota without credentials (case 1: no silent demo data)', () => {
  it('exits 2 with one line naming both variables and --demo, and queries nothing', async () => {
    let demoStarted = false;
    const run = await quota(
      ['--low', '10'],
      {},
      { startDemo: async () => ((demoStarted = true), Promise.reject(new Error('must not start'))) },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'quota: WX_APPID and WX_APPSECRET are not set: set both to query your accounts, or pass --demo to try the command on sample data.\n',
    );
    expect(demoStarted).toBe(false);
  });

  it('answers from the sample back end with --demo, and says so on stderr', async () => {
    const { code, stdout, stderr } = await quota(['--demo']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/圆通速递\s+YTO\s+xyz\s+杭州仓\s+210/);
    expect(stderr).toBe(
      'quota: --demo: answering from the embedded sample back end: sample data, not your accounts.\n',
    );
  });

  it('says the credentials are not used when --demo is given with them', async () => {
    const { stderr } = await quota(['--demo'], { WX_APPID: 'wx1', WX_APPSECRET: 'real-secret-value' });
    expect(stderr).toContain('WX_APPID and WX_APPSECRET are not used');
    expect(stderr).not.toContain('real-secret-value');
  });

  it('refuses --demo in one line where no sample back end was wired in', async () => {
    const run = await quota(['--demo'], {}, { startDemo: undefined });
    expect([run.code, run.stderr]).toEqual([
      2,
      'quota: --demo is not available here: run it as npm run quota -- --demo.\n',
    ]);
  });

  it('keeps src/cli free of the emulator: the demo is wired in scripts/', () => {
    const dir = path.join(ROOT, 'src/cli');
    const importers = readdirSync(dir).filter((file) =>
      /from '\.\.\/emulator\//.test(readFileSync(path.join(dir, file), 'utf8')),
    );
    expect(importers).toEqual([]);
  });
});

describe('npm run quota options (case 7: one line for every bad option)', () => {
  it.each([
    [['--low', '-1'], '--low takes a whole number, 0 or more, got "-1"'],
    [['--timeout', '-5'], `--timeout takes ${describeRange(TIMEOUT_RANGE)}, got "-5"`],
    [['--timeout', '0'], `--timeout takes ${describeRange(TIMEOUT_RANGE)}, got "0"`],
    [['--timeout=120001'], `--timeout takes ${describeRange(TIMEOUT_RANGE)}, got "120001"`],
    [['--low', 'many'], '--low takes a whole number, 0 or more, got "many"'],
    [['--low', '1.5'], '--low takes a whole number, 0 or more, got "1.5"'],
    [['--low'], '--low needs a value: a whole number, 0 or more'],
    [['--low', '--json'], '--low needs a value: a whole number, 0 or more'],
    [['--low', '5', '--low', '50'], '--low is given more than once: give it once'],
    [['--json', '--json'], '--json is given more than once: give it once'],
    [['--biz-id', 'a', '--biz-id=b', '--delivery-id', 'YTO'], '--biz-id is given more than once'],
    [['--json=yes'], '--json takes no value, got "yes"'],
    [['--verbose'], 'unknown option "--verbose"'],
    [['-v'], 'unknown option "-v"'],
    [['extra'], 'unexpected argument "extra": this command takes options only'],
    [['--', '--low'], 'unexpected argument "--low"'],
    [['--delivery-id', 'YTO'], '--delivery-id and --biz-id go together'],
    [['--delivery-id', 'Y T O', '--biz-id', 'x'], 'invalid account: deliveryId: must contain only letters'],
    [
      ['--delivery-id', 'YTO', '--biz-id', 'x\nquota: all fine'],
      'invalid account: bizId: must not contain control characters',
    ],
    [['--delivery-id', 'YTO', '--biz-id', 'x\uFFFDy'], '--biz-id contains \uFFFD (U+FFFD)'],
  ])('exits 2 for %j with one line saying what is wrong', async (argv, message) => {
    const { code, stdout, stderr } = await quota(argv, {});
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toMatch(/^quota: [^\n]*\(npm run quota -- --help lists the options\)\n$/);
  });

  it('says in the help the ranges that the messages enforce', () => {
    expect(QUOTA_USAGE).toContain(`(${describeRange(TIMEOUT_RANGE)}; default 5000)`);
    expect(QUOTA_USAGE).toContain('--low N            mark balances under N (a whole number, 0 or more)');
  });

  it.each([
    [['--help']],
    [['-h']],
    [['--help', '--low', 'abc']],
    [['--low', 'abc', '--help']],
    [['--verbose', '--low', '-1', '--help', 'extra']],
    [['--demo', '--help']],
  ])('helps, exit 0, whatever else is given: %j', async (argv) => {
    const { code, stdout, stderr } = await quota(argv, {});
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(`${QUOTA_USAGE}\n`);
  });

  it('documents every option, variable and exit status in --help', async () => {
    const { stdout } = await quota(['--help']);
    for (const word of [
      '--delivery-id',
      '--biz-id',
      '--json',
      '--low',
      '--timeout',
      '--demo',
      'WX_APPID',
      'WX_APPSECRET',
      'WX_API_BASE_URL',
      'Exit status',
      'this wins',
    ]) {
      expect(stdout).toContain(word);
    }
  });

  it('accepts --name=value and the edges of each range', async () => {
    const run = await quota(['--demo', '--low=0', '--timeout', '120000', '--delivery-id=YTO', '--biz-id', 'xyz']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('YTO / xyz: 210 waybills left');
  });
});

describe('scripts/quota.ts', () => {
  const run = promisify(execFile);
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');

  it('runs --demo as `npm run quota` does', async () => {
    const { stdout } = await run(tsx, ['scripts/quota.ts', '--demo', '--json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
    });
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, data: { accounts: expect.any(Array) } });
  }, 30_000);

  it('exits 2 with one line when the environment lost its credentials', async () => {
    const failure = await run(tsx, ['scripts/quota.ts', '--low', '10'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
    }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2, stdout: '' });
    expect(failure?.stderr.trim().split('\n')).toEqual([
      'quota: WX_APPID and WX_APPSECRET are not set: set both to query your accounts, or pass --demo to try the command on sample data.',
    ]);
  }, 30_000);
});
