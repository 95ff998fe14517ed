import { build } from 'esbuild';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { PATCH_TABLE } from '../../scripts/build/patches/patch-table';
import { sourcePatchesPlugin } from '../../scripts/build/patches/source-patch';

const ROOT = path.resolve(__dirname, '../..');
const TO_STRING_TAG = PATCH_TABLE.filter(({ name }) => name === 'to-string-tag');

/** What es-set-tostringtag does to fresh objects, bundled with or without the patch, and what the bundle holds. */
async function bundleSetToStringTag(withPlugin: boolean) {
  const result = await build({
    stdin: {
      contents: `
        const setToStringTag = require('es-set-tostringtag');
        const plain = {};
        setToStringTag(plain, 'FormData');
        const kept = { [Symbol.toStringTag]: 'Kept' };
        setToStringTag(kept, 'Other');
        const forced = { [Symbol.toStringTag]: 'Old' };
        setToStringTag(forced, 'New', { force: true, nonConfigurable: true });
        let refused;
        try { setToStringTag({}, 'x', { force: 'yes' }); } catch (error) { refused = error.constructor.name; }
        module.exports = {
          plain: [Object.prototype.toString.call(plain), Object.getOwnPropertyDescriptor(plain, Symbol.toStringTag)],
          kept: String(kept[Symbol.toStringTag]),
          forced: Object.getOwnPropertyDescriptor(forced, Symbol.toStringTag),
          refused,
        };`,
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node16',
    logLevel: 'silent',
    metafile: true,
    plugins: withPlugin ? [sourcePatchesPlugin(TO_STRING_TAG)] : [],
  });
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(result.outputFiles[0]!.text, { module, exports: module.exports, require, Object, Symbol, String });
  return { answers: module.exports, inputs: Object.keys(result.metafile.inputs) };
}

describe("es-set-tostringtag without get-intrinsic (form-data's toStringTag)", () => {
  it('tags objects exactly as the unpatched package does, and the bundle holds no get-intrinsic', async () => {
    const original = await bundleSetToStringTag(false);
    const patched = await bundleSetToStringTag(true);
    expect(patched.answers).toStrictEqual(original.answers);
    expect(patched.answers.plain).toEqual([
      '[object FormData]',
      { value: 'FormData', writable: false, enumerable: false, configurable: true },
    ]);
    expect(original.inputs.some((input) => input.includes('node_modules/get-intrinsic/'))).toBe(true);
    expect(patched.inputs.some((input) => input.includes('node_modules/get-intrinsic/'))).toBe(false);
  });
});
