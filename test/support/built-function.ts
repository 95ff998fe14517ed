import path from 'node:path';

/** Where the jest global setup built the deployable function for this run. */
export function builtFunctionDir(): string {
  const dir = process.env.GETQUOTA_E2E_FUNCTION_DIR;
  if (!dir)
    throw new Error(
      'GETQUOTA_E2E_FUNCTION_DIR is not set: run the suite through jest, whose global setup builds the function',
    );
  return dir;
}

/** The Node binary that plays the cloud runtime: EMULATOR_NODE (CI sets Node 16), else this one. */
export function emulatorNode(): string | undefined {
  return process.env.EMULATOR_NODE ? path.resolve(process.env.EMULATOR_NODE) : undefined;
}

/** The zone the emulated function runs in: EMULATOR_TZ (the time-zone project sets a third zone), else the cloud's UTC. */
export function emulatorTimeZone(): string | undefined {
  return process.env.EMULATOR_TZ || undefined;
}
