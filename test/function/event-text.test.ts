import { MAX_KEY_CHARS, MAX_KEYS_SHOWN } from '../../src/core/errors/describe-issues';
import { functionHarness } from '../support/function-harness';

const HIGH_ALONE = 'ab\uD83D';
const LOW_ALONE = '\uDE00ab';
const REPLACED = 'ZT\uFFFD10086';

/** The events of every request kind that carries a bizId, with `bizId` in it. */
const KINDS = [
  ['a single query', (bizId: string) => ({ deliveryId: 'YTO', bizId })],
  ['a history request', (bizId: string) => ({ history: { deliveryId: 'YTO', bizId, days: 7 } })],
] as const;

describe("the event's bizId is Unicode text, as a customer code is", () => {
  it.each(
    KINDS.flatMap(([kind, event]) => [
      [kind, 'a lone high surrogate', event(HIGH_ALONE), /bizId: must be Unicode text/],
      [kind, 'a lone low surrogate', event(LOW_ALONE), /bizId: must be Unicode text/],
      [kind, 'U+FFFD', event(REPLACED), /bizId: must not contain \uFFFD \(U\+FFFD\)/],
    ]),
  )(
    'refuses %s whose bizId holds %s as INVALID_INPUT, with no call to WeChat',
    async (_kind, _what, event, message) => {
      const harness = functionHarness();
      expect(await harness.invoke(event)).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) },
      });
      expect(harness.model.calls).toEqual([]);
    },
  );

  it.each(KINDS)('accepts %s with a Chinese bizId and an emoji (a whole surrogate pair)', async (_kind, event) => {
    const harness = functionHarness();
    const answer = await harness.invoke(event('韵达义乌网点01😀'));
    expect(answer).not.toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});

describe('unknown keys in a refused event', () => {
  it('are named cut to 40 characters each, never a megabyte of them', async () => {
    const { invoke } = functionHarness();
    const huge = 'k'.repeat(1_000_000);
    const answer = (await invoke({ deliveryId: 'YTO', bizId: 'xyz', [huge]: 1 })) as { error: { message: string } };
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(answer.error.message).toContain(`Unrecognized key: "${'k'.repeat(MAX_KEY_CHARS)}"…`);
    expect(answer.error.message.length).toBeLessThan(600);
  });

  it.each([
    ['a single query', {}],
    ['a history request', { history: { deliveryId: 'YTO', bizId: 'xyz' } }],
  ])('are at most five in %s, then how many more', async (_kind, base) => {
    const { invoke } = functionHarness();
    const extra = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`extra${index}`, index]));
    const event =
      'history' in base ? { history: { ...base.history, ...extra } } : { deliveryId: 'YTO', bizId: 'xyz', ...extra };
    const answer = (await invoke(event)) as { error: { message: string } };
    expect(answer.error.message).toContain(
      `Unrecognized keys: ${Array.from({ length: MAX_KEYS_SHOWN }, (_, index) => `"extra${index}"`).join(', ')} and 7 more`,
    );
    expect(answer.error.message).not.toContain('extra5');
  });

  it('cut a key by whole characters, never inside a surrogate pair', async () => {
    const { invoke } = functionHarness();
    const answer = (await invoke({ deliveryId: 'YTO', bizId: 'xyz', ['😀'.repeat(50)]: 1 })) as {
      error: { message: string };
    };
    expect(answer.error.message).toContain(`"${'😀'.repeat(MAX_KEY_CHARS)}"…`);
  });
});
