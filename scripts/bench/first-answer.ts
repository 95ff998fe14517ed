import { spawn } from 'node:child_process';
import type { CloudServer } from '../../emulator/cloud-server';
import { FunctionInstance, callers } from '../../emulator/runtime';

/** One cold instance, timed from the moment the cloud spawns its process. */
export interface ColdSample {
  /** Spawn until the runtime has required index.js (Node's boot, then the module's top level). */
  loadedMs: number;
  /** Spawn until the first invocation answered: boot, require, cloud.init, the first main with its open-API call. */
  firstAnswerMs: number;
  /** CPU time of the instance's main thread until its first answer (NaN where the OS does not tell it). */
  firstAnswerCpuMs: number;
  /** Median of the warm invocations that followed, on the same instance. */
  warmMs: number;
}

export const BENCH_ADMIN = 'oBenchAdmin000000000000000001';
const EVENT = { deliveryId: 'YTO', bizId: 'xyz' };
const WARM_CALLS = 9;

/** The balance in an answer, whichever shape the deployment answers with (our envelope or the SDK's raw result). */
function balanceOf(answer: unknown): unknown {
  const value = answer as { quotaNum?: unknown; data?: { quotaNum?: unknown } } | undefined;
  return value?.data?.quotaNum ?? value?.quotaNum;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Spawns one instance of the deployable folder on `nodePath` through the emulator, as the cloud does for a cold start. */
export async function coldInstance(
  functionDir: string,
  cloud: CloudServer,
  nodePath: string,
  expectedBalance: number,
): Promise<ColdSample> {
  const started = performance.now();
  const instance = await FunctionInstance.start({
    functionDir,
    adminUrl: cloud.adminUrl,
    nodePath,
    functionEnv: { QUOTA_ADMIN_OPENIDS: BENCH_ADMIN },
  });
  try {
    const loaded = performance.now();
    const first = await instance.invoke(EVENT, callers.user(BENCH_ADMIN));
    const answered = performance.now();
    const firstAnswerCpuMs = instance.mainThreadCpuMs() ?? Number.NaN;
    if (balanceOf(first) !== expectedBalance)
      throw new Error(
        `${functionDir} on ${nodePath} answered ${JSON.stringify(first)}; log: ${instance.logs.slice(-5).join(' | ')}`,
      );
    const warm: number[] = [];
    for (let call = 0; call < WARM_CALLS; call += 1) {
      const callStarted = performance.now();
      await instance.invoke(EVENT, callers.user(BENCH_ADMIN));
      warm.push(performance.now() - callStarted);
    }
    return { loadedMs: loaded - started, firstAnswerMs: answered - started, firstAnswerCpuMs, warmMs: median(warm) };
  } finally {
    await instance.close();
  }
}

/** Spawn until exit of `node -e 0`: Node's own start, the floor no function can beat. */
export function bareNode(nodePath: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(nodePath, ['-e', '0'], { stdio: 'ignore', env: { PATH: process.env.PATH ?? '' } });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`node -e 0 exited with ${code}`)),
    );
  });
}
