import { EnvironmentError } from '../../src/cli/quota-target';
import { UsageError } from '../../src/cli/strict-args';
import { runScript, type ScriptOptions } from '../../scripts/run-script';

async function ending(
  main: (values: Record<string, string | boolean | undefined>) => Promise<number | void>,
  options: Partial<ScriptOptions> = {},
  argv: string[] = [],
) {
  const ended = {
    stdout: '',
    stderr: '',
    exitCode: undefined as number | undefined,
    exited: undefined as number | undefined,
  };
  await runScript(
    main,
    { name: 'npm run thing', ...options },
    {
      argv,
      stdout: (text) => {
        ended.stdout += text;
      },
      stderr: (text) => {
        ended.stderr += text;
      },
      setExitCode: (code) => {
        ended.exitCode = code;
      },
      exit: (code) => {
        ended.exited = code;
      },
    },
  );
  return ended;
}

const COMMAND = {
  usage: 'Usage: npm run thing -- [--level N] [--dry-run]',
  options: { level: { type: 'string', hint: 'a number' }, 'dry-run': { type: 'boolean' } },
} as const;

describe("runScript's command line, the same for every script", () => {
  it.each([[['--help']], [['-h']], [['--bogus', '--help']], [['--level', '1', '--level', '2', '-h']]])(
    'prints the usage and exits 0 when help is asked for anywhere: %j',
    async (argv) => {
      let ran = false;
      const ended = await ending(async () => void (ran = true), { command: COMMAND }, argv);
      expect([ended, ran]).toEqual([
        { stdout: `${COMMAND.usage}\n`, stderr: '', exitCode: 0, exited: undefined },
        false,
      ]);
    },
  );

  it.each([
    [['--bogus'], 'unknown option "--bogus"'],
    [['--level', '1', '--level=2'], '--level is given more than once: give it once'],
    [['--dry-run=yes'], '--dry-run takes no value, got "yes"'],
    [['--level'], '--level needs a value: a number'],
    [['stray'], 'unexpected argument "stray": this command takes options only'],
  ])('refuses %j with status 2, in one line that points at --help', async (argv, message) => {
    const ended = await ending(async () => undefined, { command: COMMAND }, argv);
    expect(ended).toMatchObject({
      stderr: `npm run thing: ${message} (npm run thing -- --help lists the options)\n`,
      exitCode: 2,
    });
  });

  it('gives main the options read', async () => {
    let values: unknown;
    await ending(async (read) => void (values = read), { command: COMMAND }, ['--level=3', '--dry-run']);
    expect(values).toEqual({ level: '3', 'dry-run': true });
  });
});

describe('runScript', () => {
  it('sets status 0 when main settles, or the status main returns, and says nothing', async () => {
    expect(await ending(async () => undefined)).toEqual({ stdout: '', stderr: '', exitCode: 0, exited: undefined });
    expect(await ending(async () => 3)).toEqual({ stdout: '', stderr: '', exitCode: 3, exited: undefined });
  });

  it('says an expected failure in one line with no stack, and sets status 1', async () => {
    const ended = await ending(
      async () => {
        throw new Error('config.json is not valid JSON.\n  WeChat reads it as plain JSON.');
      },
      { hint: 'see the README' },
    );
    expect(ended).toEqual({
      stdout: '',
      stderr: 'npm run thing: config.json is not valid JSON. WeChat reads it as plain JSON. (see the README)\n',
      exitCode: 1,
      exited: undefined,
    });
  });

  it.each([
    ['a usage error', new UsageError('--delivery-id and --biz-id go together')],
    ['an environment error', new EnvironmentError('WX_APPID is not set')],
  ])('sets status 2 for %s, in one line', async (_name, error) => {
    const ended = await ending(async () => {
      throw error;
    });
    expect(ended.exitCode).toBe(2);
    expect(ended.stderr).toBe(`npm run thing: ${(error as Error).message}\n`);
  });

  it('keeps the stack of a bug, and of a thrown value that is not an Error', async () => {
    const bug = await ending(async () => {
      return (undefined as unknown as { x: number }).x;
    });
    expect(bug.exitCode).toBe(1);
    expect(bug.stderr).toMatch(/^npm run thing: unexpected failure\nTypeError: .*\n\s+at /);
    const thrown = await ending(async () => {
      throw 'plain text';
    });
    expect(thrown).toMatchObject({ stderr: 'npm run thing: unexpected failure\nplain text\n', exitCode: 1 });
  });

  it('exits at once when told to, for scripts that leave a child process running', async () => {
    expect(await ending(async () => undefined, { exitWhenDone: true })).toEqual({
      stdout: '',
      stderr: '',
      exitCode: undefined,
      exited: 0,
    });
    const failed = await ending(
      async () => {
        throw new Error('WXML does not compile');
      },
      { exitWhenDone: true },
    );
    expect(failed).toEqual({
      stdout: '',
      stderr: 'npm run thing: WXML does not compile\n',
      exitCode: undefined,
      exited: 1,
    });
  });
});
