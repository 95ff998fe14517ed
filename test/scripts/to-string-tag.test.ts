import { runPatchedBundle } from '../support/patched-bundle';

/** What es-set-tostringtag does to fresh objects, bundled with or without the patch, and what the bundle holds. */
function bundleSetToStringTag(withPlugin: boolean) {
  return runPatchedBundle(
    `
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
    { patch: withPlugin ? 'to-string-tag' : undefined, globals: { Object, Symbol, String } },
  );
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
