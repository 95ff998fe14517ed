import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EMULATED_SECRET_ID, FunctionInstance, callers, cloudRuntimeEnv } from '../../emulator/runtime';
import { emulatorNode } from '../support/built-function';

/** A tiny function folder, so these tests exercise the runtime and not our bundle. */
async function fakeFunction(source: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fake-fn-'));
  await writeFile(path.join(dir, 'index.js'), source);
  return dir;
}

describe('FunctionInstance', () => {
  const dirs: string[] = [];
  const instances: FunctionInstance[] = [];
  async function start(source: string, timeoutMs?: number) {
    const functionDir = await fakeFunction(source);
    dirs.push(functionDir);
    const instance = await FunctionInstance.start({
      functionDir,
      adminUrl: 'http://127.0.0.1:9/admin',
      functionEnv: { MY_VAR: 'set' },
      timeoutMs,
      nodePath: emulatorNode(),
    });
    instances.push(instance);
    return instance;
  }
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('sets the cloud runtime environment and the caller context for each invocation', async () => {
    const instance = await start(
      'exports.main = async (event, context) => ({ event, fn: context.function_name, source: process.env.TCB_SOURCE, ' +
        'openId: process.env.WX_OPENID, myVar: process.env.MY_VAR, ' +
        'url: JSON.parse(process.env.TCB_CONTEXT_CNFG).URL });',
    );
    expect(await instance.invoke({ a: 1 }, callers.user('oU'))).toEqual({
      event: { a: 1 },
      fn: 'getQuota',
      source: 'wx_client',
      openId: 'oU',
      myVar: 'set',
      url: 'http://127.0.0.1:9/admin',
    });
    expect(await instance.invoke({}, callers.timer())).toMatchObject({ source: 'wx_trigger', openId: '' });
  });

  it('runs on the configured Node binary', async () => {
    const instance = await start('exports.main = async () => process.version;');
    const expected = execFileSync(emulatorNode() ?? process.execPath, ['--version'])
      .toString()
      .trim();
    expect(instance.nodeVersion).toBe(expected);
  });

  it('hands an answer over only with every line the function logged before it, on both streams', async () => {
    const instance = await start(
      "exports.main = async (event) => { const filler = 'x'.repeat(60000); " +
        "for (let i = 0; i < 20; i += 1) { console.log('out', event.n, i, filler); " +
        "console.error('err', event.n, i, filler); } " +
        "console.error('last', event.n); return 'done'; };",
    );
    for (let n = 0; n < 5; n += 1) {
      expect(await instance.invoke({ n }, callers.timer())).toBe('done');
      const logged = instance.logs.map((line) => line.split(' ', 3).join(' '));
      expect(logged.filter((line) => line === `last ${n}`)).toHaveLength(1);
      expect(logged.filter((line) => line.startsWith(`out ${n} `))).toHaveLength(20);
    }
    expect(instance.logs.some((line) => line.includes('#emulator'))).toBe(false);
  });

  it('fails an invocation that outlives the function timeout, as the cloud does', async () => {
    const instance = await start('exports.main = () => new Promise(() => {});', 200);
    await expect(instance.invoke({}, callers.timer())).rejects.toThrow('did not answer within its 200 ms timeout');
  });

  it('reports a main that throws, and an unhandled rejection', async () => {
    const instance = await start(
      "exports.main = async () => { Promise.reject(new Error('lost')); throw new Error('boom'); };",
    );
    await expect(instance.invoke({}, callers.timer())).rejects.toThrow(/main threw: Error: boom/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(instance.unhandledRejections).toEqual([expect.stringContaining('lost')]);
  });

  it('fails pending invocations when the process dies', async () => {
    const instance = await start(
      'exports.main = () => { setTimeout(() => process.exit(7), 10); return new Promise(() => {}); };',
    );
    await expect(instance.invoke({}, callers.timer())).rejects.toThrow("the function's process exited (code 7");
  });

  it('says why a function that cannot load failed', async () => {
    const functionDir = await fakeFunction("throw new Error('syntax of doom');");
    dirs.push(functionDir);
    await expect(
      FunctionInstance.start({ functionDir, adminUrl: 'http://127.0.0.1:9/admin', nodePath: emulatorNode() }),
    ).rejects.toThrow(/failed to load.*syntax of doom/);
  });
});

describe('cloudRuntimeEnv', () => {
  it('gives the SDK an admin URL, dummy credentials and the environment id', () => {
    expect(cloudRuntimeEnv({ adminUrl: 'http://127.0.0.1:1/admin', envId: 'e1' })).toMatchObject({
      TCB_CONTEXT_CNFG: '{"URL":"http://127.0.0.1:1/admin"}',
      TENCENTCLOUD_SECRETID: EMULATED_SECRET_ID,
      TCB_ENV: 'e1',
      SCF_NAMESPACE: 'e1',
    });
  });
});
