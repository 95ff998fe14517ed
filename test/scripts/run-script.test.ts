import { parseArgs } from 'node:util';
import { EnvironmentError } from '../../src/cli/quota-target';
import { UsageError } from '../../src/cli/strict-args';
import { runScript, type ScriptOptions } from '../../scripts/run-script';

async function ending(main: () => Promise<number | void>, options: Partial<ScriptOptions> = {}) {
  const ended = { stderr: '', exitCode: undefined as number | undefined, exited: undefined as number | undefined };
  await runScript(
    main,
    { name: 'npm run thing', ...options },
    {
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

describe('runScript', () => {
  it('sets status 0 when main settles, or the status main returns, and says nothing', async () => {
    expect(await ending(async () => undefined)).toEqual({ stderr: '', exitCode: 0, exited: undefined });
    expect(await ending(async () => 3)).toEqual({ stderr: '', exitCode: 3, exited: undefined });
  });

  it('says an expected failure in one line with no stack, and sets status 1', async () => {
    const ended = await ending(
      async () => {
        throw new Error('config.json is not valid JSON.\n  WeChat reads it as plain JSON.');
      },
      { hint: 'see the README' },
    );
    expect(ended).toEqual({
      stderr: 'npm run thing: config.json is not valid JSON. WeChat reads it as plain JSON. (see the README)\n',
      exitCode: 1,
      exited: undefined,
    });
  });

  it.each([
    ['a usage error', new UsageError('--delivery-id and --biz-id go together')],
    ['an environment error', new EnvironmentError('WX_APPID is not set')],
    ['a parseArgs refusal', captured(() => parseArgs({ args: ['--nope'], options: {}, strict: true }))],
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
    expect(failed).toEqual({ stderr: 'npm run thing: WXML does not compile\n', exitCode: undefined, exited: 1 });
  });
});

function captured(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
