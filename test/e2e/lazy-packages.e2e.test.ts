import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildFunction } from '../../scripts/build/build-function';
import { LAZY_LOAD_TRACE, SOURCE_TRACE } from '../../scripts/build/lazy-modules';
import type { Emulator } from '../../emulator/emulator';
import { callers } from '../../emulator/runtime';
import { ADMIN, startSampleEmulator } from './emulator-harness';

/** What only the list of all accounts, a timer run or a history request runs: the alerts, the forecast, the history. */
const DEFERRED_SOURCES = [
  'src/function/lazy-requests.ts',
  'src/function/other-events.ts',
  'src/function/alerts/alert-run.ts',
  'src/function/alerts/settings.ts',
  'src/function/alerts/memory.ts',
  'src/function/balances.ts',
  'src/function/history-request.ts',
  'src/function/history/database-history.ts',
  'src/function/history/record-readings.ts',
  'src/core/accounts/all-accounts.ts',
  'src/core/wechat/account-rows.ts',
  'src/core/forecast/forecast.ts',
  'src/core/graphemes.ts',
];

/** The cold-start figures are honest only if the deferred files stay unloaded when the function works. */
describe('lazy files of the deployable folder', () => {
  let workDir: string;
  let emulator: Emulator;
  let lazyPackages: string[];
  let bundle: string;
  const sources = () =>
    emulator.instance.logs
      .filter((line) => line.startsWith(SOURCE_TRACE))
      .map((line) => line.slice(SOURCE_TRACE.length).trim());
  const evaluated = () =>
    emulator.instance.logs
      .filter((line) => line.startsWith(LAZY_LOAD_TRACE))
      .map((line) => /^(@[^/]+\/)?[^/]+/.exec(line.slice(LAZY_LOAD_TRACE.length).trim())?.[0]);

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-lazy-'));
    const built = await buildFunction({
      rootDir: path.resolve(__dirname, '../..'),
      outDir: path.join(workDir, 'getQuota'),
      traceLazyModules: true,
    });
    lazyPackages = built.lazyFiles.map((entry) => entry.name);
    bundle = await readFile(path.join(built.outDir, 'function.js'), 'utf8');
    emulator = await startSampleEmulator({
      functionDir: built.outDir,
      functionEnv: { QUOTA_ALERT_TEMPLATE_ID: 'tmpl' },
    });
  });
  afterAll(async () => {
    await emulator.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('loads none of them to start or to query one account, in the production environment', async () => {
    expect(await emulator.invoke({ deliveryId: 'YTO', bizId: 'xyz' }, callers.user(ADMIN))).toMatchObject({ ok: true });
    expect(lazyPackages).toEqual(
      expect.arrayContaining([
        '@cloudbase/database',
        '@cloudbase/wx-cloud-client-sdk',
        'axios',
        'bson',
        'long',
        'mime-db',
      ]),
    );
    expect(evaluated()).toEqual([]);
    // Of our own modules, the handler and the single-account call, and nothing that only the other requests need.
    expect(sources()).toEqual(
      expect.arrayContaining(['src/function/index.ts', 'src/function/handler.ts', 'src/core/wechat/single-quota.ts']),
    );
    expect(sources().filter((source) => DEFERRED_SOURCES.includes(source))).toEqual([]);
    // zod's JSON Schema generation, which nothing calls, is not even compiled (scripts/build/patches/patch-table.ts).
    expect(bundle).not.toContain('draft-2020-12');
    // Nor is get-intrinsic, which form-data's es-set-tostringtag asked for Object.defineProperty only.
    expect(bundle).not.toContain('node_modules/get-intrinsic/');
  });

  it('loads only the database, with bson, when listing all accounts (their balance history) and when a timer run remembers its alerts', async () => {
    expect(await emulator.invoke({ all: true }, callers.user(ADMIN))).toMatchObject({ ok: true });
    expect(evaluated().sort()).toEqual(['@cloudbase/database', 'bson']);
    expect(sources()).toEqual(expect.arrayContaining(DEFERRED_SOURCES));
    expect(await emulator.invoke({ Type: 'Timer', TriggerName: 'dailyQuotaCheck' }, callers.timer())).toMatchObject({
      ok: true,
      data: { alerts: { alerted: [{ deliveryId: 'ZTO' }] } },
    });
    expect(evaluated().sort()).toEqual(['@cloudbase/database', 'bson']);
  });
});
