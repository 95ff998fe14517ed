import sampleState from './sample-state.json';
import { startEmulator } from './emulator';
import { callers } from './runtime';
import type { ModelStateInput } from './state';

const ADMIN = 'oLoadAdmin00000000000000000';
const VALID = { deliveryId: 'YTO', bizId: 'xyz' };
const INVALID = { deliveryId: 'YTO' };

export interface LoadResult {
  invocations: number;
  answeredCorrectly: number;
  backendCalls: number;
  ms: number;
  peakRssBytes: number | undefined;
  unhandledRejections: string[];
}

/**
 * `count` concurrent invocations of the deployable function in one warm instance, half valid (YTO/xyz →
 * 210) and half invalid (INVALID_INPUT, no back-end call), with a timeout generous enough to measure
 * correctness under load rather than latency.
 */
export async function runLoad(functionDir: string, count: number, nodePath?: string): Promise<LoadResult> {
  const emulator = await startEmulator({ functionDir, state: sampleState as ModelStateInput, functionEnv: { QUOTA_ADMIN_OPENIDS: ADMIN }, nodePath, timeoutMs: 60_000 });
  try {
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: count }, (_, index) => emulator.invoke(index % 2 === 0 ? VALID : INVALID, callers.user(ADMIN))));
    const ms = Date.now() - started;
    const answeredCorrectly = results.filter((result, index) => {
      const envelope = result as { ok: boolean; data?: { quotaNum?: unknown }; error?: { code?: unknown } };
      return index % 2 === 0 ? envelope.ok && envelope.data?.quotaNum === 210 : !envelope.ok && envelope.error?.code === 'INVALID_INPUT';
    }).length;
    return {
      invocations: count,
      answeredCorrectly,
      backendCalls: emulator.model.callsTo('logistics.getQuota').length,
      ms,
      peakRssBytes: emulator.instance.peakRssBytes(),
      unhandledRejections: [...emulator.instance.unhandledRejections],
    };
  } finally {
    await emulator.close();
  }
}
