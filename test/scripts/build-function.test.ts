import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildFunction } from '../../scripts/build/build-function';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

describe('buildFunction', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-build-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('writes a self-contained folder that answers a bad event with INVALID_INPUT, with no node_modules around', async () => {
    const outDir = path.join(workDir, 'getQuota');
    const result = await buildFunction({ rootDir: ROOT, outDir });
    expect(result.openApiCalls).toEqual([
      'logistics.getAllAccount',
      'logistics.getAllDelivery',
      'logistics.getQuota',
      'subscribeMessage.send',
    ]);
    expect((await readdir(outDir)).sort()).toEqual([
      'THIRD-PARTY-NOTICES.txt',
      'config.json',
      'function.js',
      'index.js',
      'lazy',
      'package.json',
    ]);
    expect(result.lazyFiles.length).toBeGreaterThan(0);
    expect((await readdir(path.join(outDir, 'lazy'))).sort()).toEqual(
      result.lazyFiles.map((entry) => path.basename(entry.file)).sort(),
    );
    expect(JSON.parse(await readFile(path.join(outDir, 'package.json'), 'utf8'))).toMatchObject({
      main: 'index.js',
      dependencies: {},
    });
    // The node SDK's version is fixed at build time, not read from a package.json outside the folder on every cold start.
    expect(await readFile(path.join(outDir, 'function.js'), 'utf8')).not.toContain('../../package.json');
    expect(JSON.parse(await readFile(path.join(outDir, 'config.json'), 'utf8'))).toEqual(
      JSON.parse(await readFile(path.join(ROOT, 'config.json'), 'utf8')),
    );
    // What deploy uploads and registers: the config the build read, not a second reading of the file.
    expect(result.config).toEqual(JSON.parse(await readFile(path.join(outDir, 'config.json'), 'utf8')));

    const probe = `require(${JSON.stringify(path.join(outDir, 'index.js'))}).main({ deliveryId: 42 }).then((r) => process.stdout.write(JSON.stringify(r)));`;
    const { stdout } = await run(process.execPath, ['-e', probe], {
      cwd: workDir,
      env: {
        PATH: process.env.PATH,
        // Dummy credentials: without them the SDK crashes the process on its first call (see README).
        TENCENTCLOUD_SECRETID: 'local',
        TENCENTCLOUD_SECRETKEY: 'local',
        TCB_ENV: 'local-env',
        WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
        WX_OPENID: 'oAdmin',
        WX_APPID: 'wx0000000000000000',
        TCB_SOURCE: 'wx_client',
        QUOTA_ADMIN_OPENIDS: 'oAdmin',
      },
    });
    const lastLine = stdout.trim().split('\n').pop()!;
    expect(JSON.parse(lastLine.slice(lastLine.indexOf('{"ok"')))).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('deliveryId: must be a string') },
    });
  }, 30_000);

  it('builds the same bytes into any folder, naming no folder of the build machine', async () => {
    const first = await buildFunction({ rootDir: ROOT, outDir: path.join(workDir, 'one', 'getQuota') });
    const second = await buildFunction({ rootDir: ROOT, outDir: path.join(workDir, 'two', 'elsewhere', 'getQuota') });
    const files = (outDir: string, lazy: ReadonlyArray<{ file: string }>) =>
      Promise.all(
        ['function.js', 'index.js', ...lazy.map((entry) => entry.file).sort()].map(async (file) => [
          file,
          await readFile(path.join(outDir, file), 'utf8'),
        ]),
      );
    const built = await files(first.outDir, first.lazyFiles);
    expect(await files(second.outDir, second.lazyFiles)).toEqual(built);
    for (const [file, text] of built)
      expect([file, [ROOT, os.homedir(), workDir].some((folder) => text!.includes(`${folder}${path.sep}`))]).toEqual([
        file,
        false,
      ]);
  }, 60_000);

  it('stops when the code calls an open API that config.json does not declare', async () => {
    const configFile = path.join(workDir, 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        permissions: { openapi: ['logistics.getQuota', 'logistics.getAllDelivery', 'subscribeMessage.send'] },
      }),
    );
    await expect(buildFunction({ rootDir: ROOT, outDir: path.join(workDir, 'unused'), configFile })).rejects.toThrow(
      /the code calls logistics\.getAllAccount but config\.json does not declare it/,
    );
  });

  it('stops when config.json declares an open API the code never calls', async () => {
    const configFile = path.join(workDir, 'config-extra.json');
    await writeFile(
      configFile,
      JSON.stringify({
        permissions: {
          openapi: [
            'logistics.getQuota',
            'logistics.getAllDelivery',
            'logistics.getAllAccount',
            'subscribeMessage.send',
            'logistics.addOrder',
          ],
        },
      }),
    );
    await expect(buildFunction({ rootDir: ROOT, outDir: path.join(workDir, 'unused'), configFile })).rejects.toThrow(
      /declares logistics\.addOrder but the code never calls it/,
    );
  });
});

describe('the permission check and subscribeMessage.send', () => {
  it('stops the build when subscribeMessage.send is removed from config.json', async () => {
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-perm-'));
    const configFile = path.join(workDir, 'config.json');
    const config = JSON.parse(await readFile(path.join(ROOT, 'config.json'), 'utf8')) as {
      permissions: { openapi: string[] };
    };
    config.permissions.openapi = config.permissions.openapi.filter((api) => api !== 'subscribeMessage.send');
    await writeFile(configFile, JSON.stringify(config));
    await expect(buildFunction({ rootDir: ROOT, outDir: path.join(workDir, 'out'), configFile })).rejects.toThrow(
      'the code calls subscribeMessage.send but config.json does not declare it',
    );
    await rm(workDir, { recursive: true, force: true });
  });
});
