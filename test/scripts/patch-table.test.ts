import { build } from 'esbuild';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BuildError, buildFunction } from '../../scripts/build/build-function';
import { PATCH_TABLE } from '../../scripts/build/patches/patch-table';
import { checkPatchMarkers } from '../../scripts/build/patches/patch-markers';
import {
  PATCH_TABLE_FILE,
  PatchError,
  applyPatch,
  patchMarker,
  sourcePatchesPlugin,
  type SourcePatch,
} from '../../scripts/build/patches/source-patch';

const ROOT = path.resolve(__dirname, '../..');
const ENTRIES = PATCH_TABLE.map((patch) => [patch.name, patch] as const);

/** The code an entry replaces, as the installed package has it. */
function patchedCode(source: string, patch: SourcePatch): string {
  return typeof patch.find === 'string' ? patch.find : source.match(patch.find)![0];
}

describe('the patches of bundled packages: one table, applied by one plugin, each verified in the output', () => {
  let workDir: string;
  let installedFiles: string[];
  let bundle: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-patches-'));
    const outDir = path.join(workDir, 'all', 'getQuota');
    const result = await buildFunction({ rootDir: ROOT, outDir });
    installedFiles = result.inputs.map((input) => path.resolve(input));
    bundle = await readFile(path.join(outDir, 'function.js'), 'utf8');
  }, 60_000);
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it.each(ENTRIES)(
    'applies %s once to the installed package and leaves its marker once in function.js',
    async (_name, patch) => {
      const files = installedFiles.filter((file) => patch.module.test(file));
      expect(files).toHaveLength(1);
      const source = await readFile(files[0]!, 'utf8');
      const patched = applyPatch(source, patch, files[0]!);
      expect(patched.startsWith(`${JSON.stringify(patchMarker(patch.name))};\n`)).toBe(true);
      expect(patched).not.toContain(patchedCode(source, patch));
      expect(bundle.split(patchMarker(patch.name))).toHaveLength(2);
    },
  );

  it.each(ENTRIES)(
    'refuses %s, naming the file, the package and the table, when its code is gone or there twice (an upgrade)',
    async (_name, patch) => {
      const file = installedFiles.find((installed) => patch.module.test(installed))!;
      const code = patchedCode(await readFile(file, 'utf8'), patch);
      for (const [source, found] of [
        ['exports.x = 1;', 0],
        [`${code}\n${code}`, 2],
      ] as const) {
        expect(() => applyPatch(source, patch, file, 'shown/file.js')).toThrow(PatchError);
        expect(() => applyPatch(source, patch, file, 'shown/file.js')).toThrow(
          `Build stopped: shown/file.js does not contain, exactly once, the code that the build patches ${patch.why} ` +
            `(found ${found}). ${patch.upstream} was probably upgraded: check ${patch.check}, ` +
            `then update the patch ${patch.name} in ${PATCH_TABLE_FILE}.`,
        );
      }
    },
  );

  it.each(ENTRIES)(
    'stops the build, naming the patch and the table, when %s looks for a file the bundle does not load',
    async (name) => {
      const patches = PATCH_TABLE.map((patch) =>
        patch.name === name ? { ...patch, module: /[\\/]a-file-never-bundled\.js$/ } : patch,
      );
      const built = buildFunction({ rootDir: ROOT, outDir: path.join(workDir, 'missing', 'getQuota'), patches });
      await expect(built).rejects.toThrow(BuildError);
      await expect(built).rejects.toThrow(`the patch ${name} (${PATCH_TABLE_FILE}) is not in the bundle`);
    },
    60_000,
  );

  it("makes esbuild stop with the patch's refusal when the package's code changed", async () => {
    const patch = PATCH_TABLE.find(({ name }) => name === 'keep-wechat-answer')!;
    const dir = path.join(workDir, 'upgraded');
    await mkdir(path.join(dir, 'node_modules', 'wx-server-sdk'), { recursive: true });
    await writeFile(path.join(dir, 'node_modules', 'wx-server-sdk', 'index.js'), 'module.exports = {};');
    await writeFile(path.join(dir, 'entry.js'), "require('wx-server-sdk');");
    await expect(
      build({
        entryPoints: [path.join(dir, 'entry.js')],
        bundle: true,
        write: false,
        platform: 'node',
        logLevel: 'silent',
        plugins: [sourcePatchesPlugin([patch])],
      }),
    ).rejects.toThrow(/wx-server-sdk was probably upgraded/);
  });

  it('accepts a marker once in each of several files (a lazy file with its own copy), refuses one twice in a file', () => {
    const example = { ...PATCH_TABLE[0]!, name: 'example' };
    const marked = `"${patchMarker('example')}";`;
    const check = (files: Array<[string, string]>) => checkPatchMarkers(new Map(files), [example]);
    expect(
      check([
        ['function.js', marked],
        ['lazy/axios.js', marked],
      ]),
    ).toEqual([]);
    expect(check([['function.js', marked + marked]])).toEqual([
      expect.stringContaining(`the patch example (${PATCH_TABLE_FILE}) is 2 times in function.js`),
    ]);
    expect(
      check([
        ['function.js', 'x'],
        ['THIRD-PARTY-NOTICES.txt', marked],
      ]),
    ).toEqual([expect.stringContaining('is not in the bundle')]);
  });
});
