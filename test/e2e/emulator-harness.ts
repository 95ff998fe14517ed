import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sampleState from '../../emulator/sample-state.json';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import type { ModelStateInput } from '../../emulator/state';
import { WechatModel } from '../../emulator/wechat-model';
import { builtFunctionDir, emulatorNode, emulatorTimeZone } from '../support/built-function';
import { plantAlertSubscriptions } from '../support/subscriptions';

export const ADMIN = 'oAdminE2E00000000000000000001';

export interface SampleEmulatorOptions {
  functionDir?: string;
  state?: ModelStateInput;
  functionEnv?: Record<string, string>;
  timeoutMs?: number;
  /** Acceptances of the alert template each admin has; see plantAlertSubscriptions. */
  acceptances?: number;
}

/** The built bundle on the sample state, in the cloud's zone (or EMULATOR_TZ), with the alert template set up when alerts are on. */
export function startSampleEmulator(options: SampleEmulatorOptions = {}): Promise<Emulator> {
  const functionEnv = { QUOTA_ADMIN_OPENIDS: ADMIN, ...options.functionEnv };
  const model = new WechatModel(options.state ?? sampleState);
  plantAlertSubscriptions(model, functionEnv, options.acceptances);
  return startEmulator({
    timeoutMs: options.timeoutMs,
    functionDir: options.functionDir ?? builtFunctionDir(),
    model,
    functionEnv,
    nodePath: emulatorNode(),
    timeZone: emulatorTimeZone(),
  });
}

/**
 * A line of Node's own deprecation warning (`(node:123) [DEP0169] DeprecationWarning: …`), which the cloud
 * writes into the function's log: a bundled package calling an API the runtime deprecates.
 */
export function isDeprecationWarning(line: string): boolean {
  return /\bDeprecationWarning\b|\[DEP\d{4}\]/.test(line);
}

/** A copy of the built function whose deployed config.json lacks `api`: a stale or hand-edited deployment. */
export async function deploymentWithout(api: string): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'getquota-stale-')), 'getQuota');
  await cp(builtFunctionDir(), dir, { recursive: true });
  const configFile = path.join(dir, 'config.json');
  const config = JSON.parse(await readFile(configFile, 'utf8')) as { permissions: { openapi: string[] } };
  config.permissions.openapi = config.permissions.openapi.filter((name) => name !== api);
  await writeFile(configFile, JSON.stringify(config));
  return dir;
}

/**
 * A suite's way to start sample emulators with `defaults` (merged under each call's options, env
 * included): each is closed after its test, once no instance of it left an unhandled rejection.
 */
export function emulatorsClosedAfterEach(
  defaults: SampleEmulatorOptions = {},
): (options?: SampleEmulatorOptions) => Promise<Emulator> {
  const started: Emulator[] = [];
  afterEach(async () => {
    const emulators = started.splice(0);
    // Every emulator is closed before the checks: a failed expect would otherwise leave instances running.
    for (const emulator of emulators) await emulator.close();
    for (const emulator of emulators) {
      for (const instance of emulator.instances) {
        expect(instance.unhandledRejections).toEqual([]);
        expect(instance.logs.filter(isDeprecationWarning)).toEqual([]);
      }
    }
  });
  return async (options = {}) => {
    const emulator = await startSampleEmulator({
      ...defaults,
      ...options,
      functionEnv: { ...defaults.functionEnv, ...options.functionEnv },
    });
    started.push(emulator);
    return emulator;
  };
}
