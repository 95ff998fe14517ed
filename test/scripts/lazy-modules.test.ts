import { build } from 'esbuild';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { lazyModulesPlugin } from '../../scripts/lazy-modules';

describe('lazyModulesPlugin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lazy-'));
    await mkdir(path.join(dir, 'node_modules', 'heavy'), { recursive: true });
    await writeFile(
      path.join(dir, 'node_modules', 'heavy', 'index.js'),
      'globalThis.heavyLoads = (globalThis.heavyLoads || 0) + 1; function heavy(x) { return x * 2; } heavy.answer = 42; heavy.Box = class Box { constructor(v) { this.v = v; } }; module.exports = heavy;',
    );
    await writeFile(
      path.join(dir, 'entry.js'),
      "const heavy = require('heavy'); exports.loadsBefore = () => globalThis.heavyLoads || 0; exports.use = () => [heavy(21), heavy.answer, new heavy.Box(7).v, 'answer' in heavy, Object.keys(heavy)];",
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('defers a package until first use, then behaves as the package itself', async () => {
    const outfile = path.join(dir, 'out.js');
    await build({ entryPoints: [path.join(dir, 'entry.js')], bundle: true, platform: 'node', format: 'cjs', outfile, plugins: [lazyModulesPlugin(['heavy'])], logLevel: 'silent' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require(outfile) as { loadsBefore(): number; use(): unknown[] };
    expect(bundle.loadsBefore()).toBe(0);
    expect(bundle.use()).toEqual([42, 42, 7, true, ['answer', 'Box']]);
    expect(bundle.loadsBefore()).toBe(1);
  });
});
