import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sampleState from '../../emulator/sample-state.json';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** `npm start` as npm runs it: from the package root, with INIT_CWD where the user typed the command. */
async function startFrom(userDir: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(TSX, ['scripts/start.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, INIT_CWD: userDir, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm start and its inputs', () => {
  let userDir: string;
  beforeAll(async () => {
    userDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-start-'));
    // A state saved by an editor that writes a UTF-8 byte-order mark.
    const state = {
      ...sampleState,
      accounts: [{ deliveryId: 'YTO', bizId: 'mine', alias: '自己的', quotaNum: 77 }],
      history: [],
    };
    await writeFile(path.join(userDir, 'my-state.json'), `\uFEFF${JSON.stringify(state)}`);
  });
  afterAll(async () => {
    await rm(userDir, { recursive: true, force: true });
  });

  it('reads --state relative to the directory the command was run from, byte-order mark and all', async () => {
    const { code, stdout, stderr } = await startFrom(userDir, ['--state', 'my-state.json']);
    expect(stderr).not.toContain('npm start:');
    expect(code).toBe(0);
    expect(stdout).toMatch(/圆通速递\s+YTO\s+mine\s+自己的\s+77/);
  }, 30_000);

  it('runs the function on the Node binary EMULATOR_NODE names, and says clearly when it cannot start', async () => {
    const honoured = await startFrom(userDir, ['--delivery-id', 'YTO', '--biz-id', 'xyz'], {
      EMULATOR_NODE: process.execPath,
    });
    expect(honoured.code).toBe(0);
    expect(honoured.stderr).toContain(`running it in the local cloud emulator on ${process.execPath}`);
    const missing = await startFrom(userDir, [], { EMULATOR_NODE: 'node16/bin/node' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `npm start: cannot start the function's Node binary ${path.join(userDir, 'node16/bin/node')}`,
    );
    expect(missing.stderr).toContain('Check EMULATOR_NODE');
  }, 60_000);
});
