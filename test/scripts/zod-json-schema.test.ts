import { runPatchedBundle } from '../support/patched-bundle';
import { JSON_SCHEMA_LEFT_OUT } from '../../scripts/build/patches/patch-table';

/** What a bundle of zod built with or without the plugin answers, and how big it is. */
function bundleZod(withPlugin: boolean) {
  return runPatchedBundle(
    `
        import * as z from 'zod';
        const name = z.string().min(2).max(8);
        const event = z.object({ deliveryId: name, count: z.number().int().optional() });
        const attempt = (make) => { try { return make(); } catch (error) { return error.message; } };
        module.exports = {
          parsed: event.safeParse({ deliveryId: 'YTO', count: 3 }).success,
          refused: event.safeParse({ deliveryId: 'Y' }).error.issues[0].code,
          minLength: name.minLength,
          maxLength: name.maxLength,
          jsonSchema: attempt(() => JSON.stringify(event.toJSONSchema())),
          standard: attempt(() => JSON.stringify(event['~standard'].jsonSchema.input())),
        };`,
    { patch: withPlugin ? 'zod-without-json-schema' : undefined, minify: true },
  );
}

describe("zod's JSON Schema generation left out of the bundle", () => {
  it('parses, refuses and bounds lengths as zod does; only JSON Schema calls say they are left out', async () => {
    const full = await bundleZod(false);
    const slim = await bundleZod(true);
    for (const key of ['parsed', 'refused', 'minLength', 'maxLength'])
      expect(slim.answers[key]).toStrictEqual(full.answers[key]);
    expect(full.answers.jsonSchema).toContain('"deliveryId"');
    expect(slim.answers.jsonSchema).toBe(JSON_SCHEMA_LEFT_OUT);
    expect(slim.answers.standard).toBe(JSON_SCHEMA_LEFT_OUT);
    expect(full.bytes - slim.bytes).toBeGreaterThan(10_000);
  });
});
