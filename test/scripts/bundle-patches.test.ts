import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BuildError, buildFunction } from '../../scripts/build/build-function';
import { bundlePatches, checkPatchMarkers, type BundlePatch } from '../../scripts/build/patches/bundle-patches';
import { patchMarker } from '../../scripts/build/patches/patch-marker';

const ROOT = path.resolve(__dirname, '../..');

/** A patch as the build would have it if its plugin never met its file (the package's `main` pointing elsewhere). */
function neverApplied(patch: BundlePatch): BundlePatch {
  return { ...patch, plugin: { name: `${patch.plugin.name} (never applied)`, setup: () => undefined } };
}

describe('the bundle-time patches, each verified in the output', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-patches-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('leaves every patch marker in function.js or a lazy file, once in each file', async () => {
    const outDir = path.join(workDir, 'all', 'getQuota');
    const result = await buildFunction({ rootDir: ROOT, outDir });
    const bundle = await readFile(path.join(outDir, 'function.js'), 'utf8');
    for (const patch of bundlePatches())
      for (const marker of patch.markers) expect(bundle.split(marker).length - 1).toBe(1);
    expect(result.bundleBytes).toBeGreaterThan(0);
  }, 60_000);

  it.each(bundlePatches().map((patch) => [patch.name]))(
    'stops the build, naming the patch and its script, when %s is not applied to what gets bundled',
    async (name) => {
      const patches = bundlePatches().map((patch) => (patch.name === name ? neverApplied(patch) : patch));
      const script = patches.find((patch) => patch.name === name)!.script;
      const build = buildFunction({ rootDir: ROOT, outDir: path.join(workDir, 'missing', 'getQuota'), patches });
      await expect(build).rejects.toThrow(BuildError);
      await expect(build).rejects.toThrow(`the patch ${name} (${script}) is not in the bundle`);
    },
    60_000,
  );

  it('accepts a marker once in each of several files (a lazy file with its own copy), refuses one twice in a file', () => {
    const patch: BundlePatch = {
      name: 'example',
      script: 'scripts/example.ts',
      plugin: { name: 'example', setup: () => undefined },
      markers: [patchMarker('example')],
    };
    const marked = `"${patchMarker('example')}";`;
    expect(
      checkPatchMarkers(
        new Map([
          ['function.js', marked],
          ['lazy/axios.js', marked],
        ]),
        [patch],
      ),
    ).toEqual([]);
    expect(checkPatchMarkers(new Map([['function.js', marked + marked]]), [patch])).toEqual([
      expect.stringContaining('the patch example (scripts/example.ts) is 2 times in function.js'),
    ]);
    expect(
      checkPatchMarkers(
        new Map([
          ['function.js', 'x'],
          ['THIRD-PARTY-NOTICES.txt', marked],
        ]),
        [patch],
      ),
    ).toEqual([expect.stringContaining('is not in the bundle')]);
  });
});
