import fc from 'fast-check';
import { functionHarness } from '../support/function-harness';
import { envelopeSchema } from '../support/envelope-schema';

const RUNS = 2_000;
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

const key = fc.oneof(
  fc.constantFrom('deliveryId', 'bizId', 'all', 'userInfo', 'Type', 'TriggerName', ...POLLUTION_KEYS),
  fc.string({ maxLength: 12 }),
);
const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('YTO', 'xyz', '韵达义乌网点01', '🚚📦', '', ' ', 'YTO\u0000', 'x'.repeat(10_000)),
);
const junk = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withNullPrototype: true,
});
const value = fc.oneof(text, junk, fc.constant(true));
/** Objects parsed from JSON, so that `__proto__` becomes a real own key as it does off the wire. */
const wireObject = fc.dictionary(key, value, { maxKeys: 5 }).map((record) => {
  try {
    return JSON.parse(JSON.stringify(record)) as unknown;
  } catch {
    return record;
  }
});
/** Payloads that pollute Object.prototype through any code that merges or copies keys from the event deeply. */
const POLLUTERS = ['{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}'];
/**
 * A wire event carrying a polluter at its top level or under one of its fields, beside otherwise
 * valid fields so that it reaches past validation (a timer event keeps keys it does not know).
 */
const pollutingEvent = fc
  .record({
    polluter: fc.constantFrom(...POLLUTERS),
    under: fc.constantFrom(undefined, 'deliveryId', 'userInfo', 'all', 'Message'),
    base: fc.constantFrom('{"deliveryId":"YTO","bizId":"xyz"}', '{"all":true}', '{"Type":"Timer","TriggerName":"t"}'),
  })
  .map(({ polluter, under, base }) => {
    const inner = polluter.slice(1, -1);
    const extra = under === undefined ? inner : `"${under}":{${inner}}`;
    return JSON.parse(`${base.slice(0, -1)},${extra}}`) as unknown;
  });
const event = fc.oneof(
  junk,
  wireObject,
  pollutingEvent,
  fc.record({ deliveryId: value, bizId: value }, { requiredKeys: [] }),
  fc.record({ deliveryId: text, bizId: text, userInfo: junk }),
  fc.record({ Type: fc.constantFrom('Timer', 'timer', 1), TriggerName: value }, { requiredKeys: ['Type'] }),
);

describe('arbitrary events through main', () => {
  it(
    `answers ${RUNS} arbitrary events with a well-formed envelope, never a throw, ` +
      `never a WeChat call for invalid input, never a polluted prototype`,
    async () => {
      const harness = functionHarness();
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      await fc.assert(
        fc.asyncProperty(event, async (candidate) => {
          const callsBefore = harness.model.calls.length;
          const result = await harness.invoke(candidate);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
          expect(envelopeSchema.safeParse(result).success).toBe(true);
          if (!result.ok && result.error.code === 'INVALID_INPUT') expect(harness.model.calls.length).toBe(callsBefore);
        }),
        { numRuns: RUNS },
      );
    },
    60_000,
  );
});
