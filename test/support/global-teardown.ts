import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const workDir = process.env.GETQUOTA_E2E_WORK_DIR;
  if (workDir) await rm(workDir, { recursive: true, force: true });
}
