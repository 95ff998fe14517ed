import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { splitBundle } from '../../scripts/build/split-bundle';

describe('splitBundle with lazy packages', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lazy-'));
    const pkg = async (name: string, source: string) => {
      await mkdir(path.join(dir, 'node_modules', name), { recursive: true });
      await writeFile(path.join(dir, 'node_modules', name, 'index.js'), source);
    };
    await pkg(
      'heavy',
      "globalThis.loads = [...(globalThis.loads || []), 'heavy']; const inner = require('inner'); " +
        'function heavy(x) { return x * 2; } heavy.answer = 42; heavy.inner = () => inner.value; ' +
        'heavy.Box = class Box { constructor(v) { this.v = v; } }; module.exports = heavy;',
    );
    await pkg(
      'probed',
      "globalThis.loads = [...(globalThis.loads || []), 'probed']; " +
        'function Big(n) { this.n = n; } Big.isBig = (value) => value instanceof Big; module.exports = Big;',
    );
    await pkg('inner', "globalThis.loads = [...(globalThis.loads || []), 'inner']; exports.value = 'inner';");
    await pkg(
      'factory',
      "globalThis.loads = [...(globalThis.loads || []), 'factory']; " +
        "Object.defineProperty(exports, '__esModule', { value: true }); " +
        'const make = (n) => { globalThis.made = (globalThis.made || 0) + 1; return { n, twice: () => n * 2 }; }; ' +
        "exports.make = make; exports.default = { make, other: 'kept' };",
    );
    await writeFile(
      path.join(dir, 'entry.js'),
      [
        "const heavy = require('heavy');",
        "const factory = require('factory');",
        "const Probed = require('probed');",
        'const probe = Probed && Probed.isBig ? Probed : null;',
        'const made = factory.default.make(21);',
        'exports.loads = () => globalThis.loads || [];',
        'exports.made = () => globalThis.made || 0;',
        "exports.use = () => [heavy(21), heavy.answer, new heavy.Box(7).v, 'answer' in heavy, Object.keys(heavy), heavy.inner()];",
        'exports.useMade = () => [made.n, made.twice(), factory.default.other];',
        'exports.useProbed = () => [probe === Probed, probe.isBig(new Probed(1)), probe.isBig({})];',
      ].join('\n'),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function write(outDir: string, trace = false) {
    const bundle = await splitBundle({
      entry: path.join(dir, 'entry.js'),
      outDir,
      mainFile: 'index.js',
      esbuild: { target: 'node16', minify: true },
      lazyPackages: ['heavy', 'inner', 'factory', 'probed'],
      deferredResults: { factory: ['make'] },
      forwardedCalls: { probed: ['isBig'] },
      traceLazyFiles: trace,
    });
    for (const [file, contents] of bundle.files) {
      await mkdir(path.dirname(path.join(outDir, file)), { recursive: true });
      await writeFile(path.join(outDir, file), contents);
    }
    return bundle;
  }

  it('writes each lazy package to its own file, required on first use, then behaving as the package itself', async () => {
    const outDir = path.join(dir, 'out');
    const bundle = await write(outDir);
    expect(bundle.lazyFiles.map((entry) => entry.file).sort()).toEqual([
      'lazy/factory.js',
      'lazy/heavy.js',
      'lazy/inner.js',
      'lazy/probed.js',
    ]);
    expect([...bundle.files.keys()].sort()).toEqual([
      'index.js',
      'lazy/factory.js',
      'lazy/heavy.js',
      'lazy/inner.js',
      'lazy/probed.js',
    ]);
    const loaded = jest.requireActual<{
      loads(): string[];
      made(): number;
      use(): unknown[];
      useMade(): unknown[];
      useProbed(): unknown[];
    }>(path.join(outDir, 'index.js'));
    expect(loaded.loads()).toEqual([]);
    expect(loaded.made()).toBe(0);
    expect(loaded.use()).toEqual([42, 42, 7, true, ['answer', 'inner', 'Box'], 'inner']);
    expect(loaded.loads()).toEqual(['heavy', 'inner']);
    expect(loaded.useMade()).toEqual([21, 42, 'kept']);
    expect(loaded.made()).toBe(1);
    // Probing a forwarded function at load loaded nothing; calling it loads the package and answers as the package does.
    expect(loaded.loads()).toEqual(['heavy', 'inner', 'factory']);
    expect(loaded.useProbed()).toEqual([true, true, false]);
    expect(loaded.loads()).toEqual(['heavy', 'inner', 'factory', 'probed']);
  });

  it('makes each lazy file announce itself in a traced build', async () => {
    const bundle = await write(path.join(dir, 'traced'), true);
    expect(String(bundle.files.get('lazy/inner.js'))).toMatch(
      /^process\.stderr\.write\("lazy package evaluated: inner\\n"\)/,
    );
  });
});
