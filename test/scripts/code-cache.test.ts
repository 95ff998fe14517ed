import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildFunction } from '../../scripts/build/build-function';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const MAX_OLD_SPACE = '--max-old-space-size=200';

/** Loads the folder's index.js on this Node with `flags`, as the cloud would, and answers one bad event. */
async function coldStart(
  functionDir: string,
  flags: string[] = [],
): Promise<{ answer: unknown; notes: unknown[]; otherLines: string[] }> {
  const probe =
    `require(${JSON.stringify(path.join(functionDir, 'index.js'))}).main({ deliveryId: 42 })` +
    `.then((r) => console.log('ANSWER ' + JSON.stringify(r)));`;
  const { stdout } = await run(process.execPath, [...flags, '-e', probe], {
    cwd: functionDir,
    env: {
      PATH: process.env.PATH,
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      TCB_ENV: 'local-env',
      TENCENTCLOUD_RUNENV: 'SCF',
      WX_CONTEXT_KEYS: 'WX_OPENID',
      WX_OPENID: 'oAdmin',
      TCB_SOURCE: 'wx_client',
      QUOTA_ADMIN_OPENIDS: 'oAdmin',
    },
  });
  const lines = stdout.trim().split('\n');
  const answer = JSON.parse(lines.find((line) => line.startsWith('ANSWER '))!.slice('ANSWER '.length)) as unknown;
  const notes = lines.filter((line) => line.includes('code cache')).map((line) => JSON.parse(line) as unknown);
  // Durations differ from run to run; everything else must be the same.
  return {
    answer,
    notes,
    otherLines: lines.filter((line) => !line.includes('code cache')).map((line) => line.replace(/"ms":\d+/g, '"ms":0')),
  };
}

/** The cache file of this Node without flags. */
const cacheFile = (functionDir: string) =>
  path.join(functionDir, 'code-cache', `${process.version}-${process.arch}.bin`);

describe('the V8 code cache of the deployable folder', () => {
  let workDir: string;
  let built: string;
  let withoutCache: Awaited<ReturnType<typeof coldStart>>;
  const copy = async (name: string) => {
    const dir = path.join(workDir, name);
    await cp(built, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-code-cache-'));
    const result = await buildFunction({
      rootDir: ROOT,
      outDir: path.join(workDir, 'built'),
      codeCacheRuntimes: [{ node: process.execPath }, { node: process.execPath, flags: [MAX_OLD_SPACE] }],
    });
    built = result.outDir;
    const bare = await copy('no-cache');
    await rm(path.join(bare, 'code-cache'), { recursive: true });
    withoutCache = await coldStart(bare);
  }, 60_000);
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it('is built for each runtime asked for, named by its version and a hash of its flags', async () => {
    const flagsHash = createHash('sha256').update(MAX_OLD_SPACE).digest('hex').slice(0, 12);
    expect((await readdir(path.join(built, 'code-cache'))).sort()).toEqual(
      [`${process.version}-${process.arch}-${flagsHash}.bin`, `${process.version}-${process.arch}.bin`].sort(),
    );
  });

  it('names no folder of the build machine: V8 writes the script name into a cache, and it is a bare function.js', async () => {
    for (const name of await readdir(path.join(built, 'code-cache'))) {
      const bytes = await readFile(path.join(built, 'code-cache', name));
      expect([name, [ROOT, os.homedir(), workDir].filter((folder) => bytes.includes(`${folder}${path.sep}`))]).toEqual([
        name,
        [],
      ]);
      expect(bytes.includes('function.js')).toBe(true);
    }
  });

  it('is used silently when it matches the runtime and its flags', async () => {
    const plain = await coldStart(built);
    const flagged = await coldStart(built, [MAX_OLD_SPACE]);
    expect(plain.notes).toEqual([]);
    expect(flagged.notes).toEqual([]);
    expect(plain.answer).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('deliveryId: must be a string') },
    });
    expect(flagged.answer).toEqual(plain.answer);
  });

  it('without a cache for the runtime, compiles as usual and says once which runtime it was', async () => {
    expect(withoutCache.answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(withoutCache.notes).toEqual([
      {
        level: 'info',
        message: expect.stringContaining('no code cache'),
        node: process.version,
        flags: '',
        cache: `${process.version}-${process.arch}`,
      },
    ]);
  });

  it('behaves exactly like no cache when the cache is corrupt, truncated or from another function.js', async () => {
    const corrupt = await copy('corrupt');
    const bytes = await readFile(cacheFile(corrupt));
    for (let offset = 200; offset < bytes.length; offset += 997) bytes[offset] = (bytes[offset] ?? 0) ^ 0x5a;
    await writeFile(cacheFile(corrupt), bytes);
    const truncated = await copy('truncated');
    await writeFile(cacheFile(truncated), bytes.subarray(0, 40));
    const stale = await copy('stale');
    await appendFile(path.join(stale, 'function.js'), '\n');

    for (const dir of [corrupt, truncated, stale]) {
      const started = await coldStart(dir);
      expect(started.answer).toEqual(withoutCache.answer);
      expect(started.otherLines).toEqual(withoutCache.otherLines);
      expect(started.notes).toEqual([
        expect.objectContaining({
          level: 'warn',
          message: expect.stringContaining('damaged or was built from another function.js'),
        }),
      ]);
    }
  });

  it('behaves exactly like no cache when V8 rejects it', async () => {
    // An intact cache under the name of other flags: V8 refuses it because its flag hash differs.
    const rejected = await copy('rejected');
    const flags = '--no-opt';
    const name = `${process.version}-${process.arch}-${createHash('sha256').update(flags).digest('hex').slice(0, 12)}.bin`;
    await cp(cacheFile(rejected), path.join(rejected, 'code-cache', name));
    const started = await coldStart(rejected, [flags]);
    expect(started.answer).toEqual(withoutCache.answer);
    expect(started.otherLines).toEqual(withoutCache.otherLines);
    expect(started.notes).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('rejected by V8'), flags }),
    ]);
  });
});
