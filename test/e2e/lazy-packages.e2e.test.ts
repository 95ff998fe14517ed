import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildFunction } from '../../scripts/build-function';
import { LAZY_LOAD_TRACE } from '../../scripts/lazy-modules';
import type { Emulator } from '../../src/emulator/emulator';
import { callers } from '../../src/emulator/runtime';
import { ADMIN, startSampleEmulator } from './emulator-harness';

/** The cold-start figures are honest only if the deferred files stay unloaded when the function works. */
describe('lazy files of the deployable folder', () => {
  let workDir: string;
  let emulator: Emulator;
  let lazyPackages: string[];
  const evaluated = () => emulator.instance.logs.filter((line) => line.startsWith(LAZY_LOAD_TRACE)).map((line) => /^(@[^/]+\/)?[^/]+/.exec(line.slice(LAZY_LOAD_TRACE.length).trim())?.[0]);

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-lazy-'));
    const built = await buildFunction({ rootDir: path.resolve(__dirname, '../..'), outDir: path.join(workDir, 'getQuota'), traceLazyModules: true });
    lazyPackages = built.lazyFiles.map((entry) => entry.name);
    emulator = await startSampleEmulator({ functionDir: built.outDir, functionEnv: { QUOTA_ALERT_TEMPLATE_ID: 'tmpl' } });
  });
  afterAll(async () => {
    await emulator.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('loads none of them to start or to query one account, in the production environment', async () => {
    expect(await emulator.invoke({ deliveryId: 'YTO', bizId: 'xyz' }, callers.user(ADMIN))).toMatchObject({ ok: true });
    expect(lazyPackages).toEqual(expect.arrayContaining(['@cloudbase/database', '@cloudbase/wx-cloud-client-sdk', 'axios', 'bson', 'mime-db']));
    expect(evaluated()).toEqual([]);
  });

  it('loads only the database, with bson, when listing all accounts (their balance history) and when a timer run remembers its alerts', async () => {
    expect(await emulator.invoke({ all: true }, callers.user(ADMIN))).toMatchObject({ ok: true });
    expect(evaluated().sort()).toEqual(['@cloudbase/database', 'bson']);
    expect(await emulator.invoke({ Type: 'Timer', TriggerName: 'dailyQuotaCheck' }, callers.timer())).toMatchObject({ ok: true, data: { alerts: { alerted: [{ deliveryId: 'ZTO' }] } } });
    expect(evaluated().sort()).toEqual(['@cloudbase/database', 'bson']);
  });
});
