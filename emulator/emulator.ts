import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startCloudServer, type CloudServer } from './cloud-server';
import { startRobotServer } from './robots/robot-server';
import type { InvocationCaller } from './invocation-context';
import { FunctionInstance, type FunctionInstanceOptions } from './runtime';
import type { ModelStateInput } from './state';
import { WechatModel } from './wechat-model';

export interface EmulatorOptions extends Pick<
  FunctionInstanceOptions,
  'functionEnv' | 'nodePath' | 'envId' | 'timeoutMs' | 'onLog' | 'timeZone'
> {
  /** The built, deployable folder (index.js, package.json, config.json). */
  functionDir: string;
  /** The WeChat state to serve; ignored when `model` is given. */
  state?: ModelStateInput;
  model?: WechatModel;
}

export interface Emulator {
  model: WechatModel;
  cloud: CloudServer;
  /** The first instance; `invoke` runs on it. */
  instance: FunctionInstance;
  /** Every instance started, the first included. */
  instances: FunctionInstance[];
  invoke(event: unknown, caller: InvocationCaller): Promise<unknown>;
  /**
   * Another instance of the same deployment against the same model and cloud, as the platform starts
   * when invocations overlap: invoke both at once to run the same trigger twice concurrently.
   */
  startInstance(overrides?: Pick<EmulatorOptions, 'timeoutMs' | 'onLog'>): Promise<FunctionInstance>;
  close(): Promise<void>;
}

/** The deployed function's declared open APIs, read from its own config.json as the cloud does. */
export async function deployedPermissions(functionDir: string): Promise<string[]> {
  const file = path.join(functionDir, 'config.json');
  const config = JSON.parse(await readFile(file, 'utf8')) as { permissions?: { openapi?: unknown } };
  const apis = config.permissions?.openapi;
  return Array.isArray(apis) ? apis.filter((api): api is string => typeof api === 'string') : [];
}

/** Starts the WeChat model, its cloud face on loopback, and one instance of the deployed function. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const model = options.model ?? new WechatModel(options.state ?? { couriers: [], accounts: [] });
  const cloud = await startCloudServer({ model, permissions: await deployedPermissions(options.functionDir) });
  const robots = await startRobotServer(model.robots);
  const instances: FunctionInstance[] = [];
  const startInstance = async (overrides: Pick<EmulatorOptions, 'timeoutMs' | 'onLog'> = {}) => {
    const instance = await FunctionInstance.start({
      ...options,
      ...overrides,
      adminUrl: cloud.adminUrl,
      ledger: model.invocations,
      robotsUrl: robots.url,
    });
    instances.push(instance);
    return instance;
  };
  let first: FunctionInstance;
  try {
    first = await startInstance();
  } catch (error) {
    await Promise.all([cloud.close(), robots.close()]);
    throw error;
  }
  return {
    model,
    cloud,
    instance: first,
    instances,
    invoke: (event, caller) => first.invoke(event, caller),
    startInstance,
    close: async () => {
      await Promise.all(instances.map((instance) => instance.close()));
      await Promise.all([cloud.close(), robots.close()]);
    },
  };
}
