import { ciOutputToShow, withQuietCi } from '../../scripts/ci-output';

/** What miniprogram-ci 2.x prints while it compiles offline (a dry run on a machine without network). */
const OFFLINE_RUN = [
  '[miniprogram-builder] initservices CI',
  '[summer-compiler] forkProcess [2026-12-07 20:31:04.161]',
  'serialize mini-weixin',
  '[miniprogram-builder] getservice CI',
  '[error] https://servicewechat.com/wxa/ci/getwhiteextlist Error: getaddrinfo ENOTFOUND servicewechat.com',
  '[error] get white ext list fail Error: getaddrinfo ENOTFOUND servicewechat.com',
];

describe("what is shown of miniprogram-ci's output", () => {
  it('turns the failed lookups of a passing compile into one line, without the progress', () => {
    expect(ciOutputToShow(OFFLINE_RUN, true)).toEqual([
      'miniprogram-ci could not reach servicewechat.com (ENOTFOUND) for a lookup the offline compile does without; ' +
        'its error lines are left out.',
    ]);
  });

  it('shows nothing of a passing compile that complained of nothing', () => {
    expect(ciOutputToShow(OFFLINE_RUN.slice(0, 4), true)).toEqual([]);
  });

  it('keeps any other complaint of a passing compile', () => {
    const warning = '[warn] miniprogram/app.json: "lazyCodeLoading" is ignored';
    expect(ciOutputToShow([...OFFLINE_RUN, warning], true)[0]).toBe(warning);
  });

  it('shows all of it when the compile failed: it is what explains the failure', () => {
    expect(ciOutputToShow(OFFLINE_RUN, false)).toEqual(OFFLINE_RUN);
  });
});

describe('withQuietCi', () => {
  it('holds back console output while the work runs, says it afterwards, and restores console', async () => {
    const original = console.error;
    const shown: string[] = [];
    const value = await withQuietCi(
      async () => {
        console.log('[miniprogram-builder] getservice CI');
        console.error('[error] getaddrinfo ENOTFOUND servicewechat.com');
        expect(shown).toEqual([]);
        return 52;
      },
      (line) => shown.push(line),
    );
    expect(value).toBe(52);
    expect(shown).toEqual([expect.stringMatching(/^miniprogram-ci could not reach servicewechat\.com \(ENOTFOUND\)/)]);
    expect(console.error).toBe(original);
  });

  it('shows everything the tool printed when the work fails, and still fails', async () => {
    const shown: string[] = [];
    await expect(
      withQuietCi(
        async () => {
          console.log('[summer-compiler] compiling pages/quota/quota.ts');
          throw new Error('pages/quota/quota.ts: unexpected token');
        },
        (line) => shown.push(line),
      ),
    ).rejects.toThrow('unexpected token');
    expect(shown).toEqual(['[summer-compiler] compiling pages/quota/quota.ts']);
  });
});
