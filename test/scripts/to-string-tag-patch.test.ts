import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { SdkPatchError } from '../../scripts/build/patches/keep-wechat-answer';
import { patchToStringTagSource, toStringTagPlugin } from '../../scripts/build/patches/to-string-tag-patch';

const ROOT = path.resolve(__dirname, '../..');
const SET_TO_STRING_TAG = path.join(ROOT, 'node_modules', 'es-set-tostringtag', 'index.js');

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
    plugins: withPlugin ? [toStringTagPlugin()] : [],
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

  it('stops the build, naming the file and what to check, when its look-up is not there exactly once', async () => {
    const source = await readFile(SET_TO_STRING_TAG, 'utf8');
    const changed = source.replace("'%Object.defineProperty%'", "'%Reflect.defineProperty%'");
    expect(() => patchToStringTagSource(changed, 'es-set-tostringtag/index.js')).toThrow(SdkPatchError);
    expect(() => patchToStringTagSource(changed, 'es-set-tostringtag/index.js')).toThrow(
      /es-set-tostringtag\/index\.js does not contain, exactly once, .*\(found 0\).*scripts\/build\/patches\/to-string-tag-patch\.ts/,
    );
  });
});
