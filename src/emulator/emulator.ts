import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startCloudServer, type CloudServer } from './cloud-server';
import { FunctionInstance, type FunctionInstanceOptions, type InvocationCaller } from './runtime';
import type { ModelStateInput } from './state';
import { WechatModel } from './wechat-model';

export interface EmulatorOptions extends Pick<FunctionInstanceOptions, 'functionEnv' | 'nodePath' | 'envId' | 'timeoutMs' | 'onLog'> {
  /** The built, deployable folder (index.js, package.json, config.json). */
  functionDir: string;
  /** The WeChat state to serve; ignored when `model` is given. */
  state?: ModelStateInput;
  model?: WechatModel;
}

export interface Emulator {
  model: WechatModel;
  cloud: CloudServer;
  instance: FunctionInstance;
  invoke(event: unknown, caller: InvocationCaller): Promise<unknown>;
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
  let instance: FunctionInstance;
  try {
    instance = await FunctionInstance.start({ ...options, adminUrl: cloud.adminUrl });
  } catch (error) {
    await cloud.close();
    throw error;
  }
  return {
    model,
    cloud,
    instance,
    invoke: (event, caller) => instance.invoke(event, caller),
    close: async () => {
      await instance.close();
      await cloud.close();
    },
  };
}
