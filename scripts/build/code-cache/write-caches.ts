import { fork } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import sampleState from '../../../emulator/sample-state.json';
import { startCloudServer } from '../../../emulator/cloud-server';
import { deployedPermissions } from '../../../emulator/emulator';
import { callerEnv, callers } from '../../../emulator/invocation-context';
import { cloudRuntimeEnv } from '../../../emulator/runtime-env';
import { WechatModel } from '../../../emulator/wechat-model';

const TRAINER = path.join(__dirname, 'trainer.cjs');
const TRAINING_ADMIN = 'oCodeCacheTraining0000000000001';
/** What a cold instance typically answers first: the page's list of every account, or one account. */
const TRAINING_EVENTS = [{ all: true }, { deliveryId: 'YTO', bizId: 'xyz' }];

/** A Node runtime to build a code cache for: its binary and the flags it is started with. */
export interface CodeCacheRuntime {
  node: string;
  flags?: readonly string[];
}

export interface CodeCache {
  /** The runtime it is for, as the loader names it: Node's version, arch, and a hash of its flags. */
  key: string;
  /** Path under the function folder. */
  file: string;
  bytes: number;
}

/**
 * Writes, into the deployable folder, a V8 code cache of function.js for each runtime given, each
 * made by that very binary with those flags after answering real invocations against the emulator
 * (production environment, sample state), so that it holds what a first answer compiles.
 */
export async function writeCodeCaches(
  functionDir: string,
  runtimes: readonly CodeCacheRuntime[],
): Promise<CodeCache[]> {
  if (runtimes.length === 0) return [];
  const model = new WechatModel(sampleState);
  const cloud = await startCloudServer({ model, permissions: await deployedPermissions(functionDir) });
  const env = {
    PATH: process.env.PATH ?? '',
    ...cloudRuntimeEnv({ adminUrl: cloud.adminUrl, functionEnv: { QUOTA_ADMIN_OPENIDS: TRAINING_ADMIN } }),
  };
  const invocations = JSON.stringify(
    TRAINING_EVENTS.map((event) => ({ event, env: callerEnv(callers.user(TRAINING_ADMIN)) })),
  );
  const caches: CodeCache[] = [];
  try {
    for (const runtime of runtimes) {
      const written = await train(runtime, [path.resolve(functionDir), invocations], env);
      if (!caches.some((cache) => cache.key === written.key))
        caches.push({ ...written, bytes: (await stat(path.join(functionDir, written.file))).size });
    }
  } finally {
    await cloud.close();
  }
  return caches;
}

function train(
  runtime: CodeCacheRuntime,
  args: string[],
  env: Record<string, string>,
): Promise<{ key: string; file: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(TRAINER, args, {
      execPath: runtime.node,
      execArgv: [...(runtime.flags ?? [])],
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let written: { key: string; file: string } | undefined;
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('message', (message: { key: string; file: string }) => (written = message));
    child.on('error', reject);
    child.on('exit', (code) =>
      written && code === 0
        ? resolve(written)
        : reject(
            new Error(
              `could not build the code cache with ${runtime.node} ${(runtime.flags ?? []).join(' ')}: ${stderr.trim() || `exit code ${code}`}`,
            ),
          ),
    );
  });
}
