import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildFunction } from '../../scripts/build/build-function';
import { emulatorNode } from './built-function';

/**
 * Builds the deployable function once per run, exactly as for deployment: lazy files and a code cache
 * for each Node the suites run it on (this one, and EMULATOR_NODE when CI sets one). The end-to-end
 * suites all load this one folder.
 */
export default async function globalSetup(): Promise<void> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-e2e-'));
  const nodes = [process.execPath, emulatorNode()].filter((node): node is string => node !== undefined);
  const result = await buildFunction({
    rootDir: path.resolve(__dirname, '../..'),
    outDir: path.join(workDir, 'getQuota'),
    codeCacheRuntimes: nodes.map((node) => ({ node })),
  });
  process.env.GETQUOTA_E2E_WORK_DIR = workDir;
  process.env.GETQUOTA_E2E_FUNCTION_DIR = result.outDir;
}
