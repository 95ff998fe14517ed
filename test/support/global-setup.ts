import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildFunction } from '../../scripts/build-function';

/** Builds the deployable function once per run; the end-to-end suites all load this one bundle. */
export default async function globalSetup(): Promise<void> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-e2e-'));
  const result = await buildFunction({ rootDir: path.resolve(__dirname, '../..'), outDir: path.join(workDir, 'getQuota') });
  process.env.GETQUOTA_E2E_WORK_DIR = workDir;
  process.env.GETQUOTA_E2E_FUNCTION_DIR = result.outDir;
}
