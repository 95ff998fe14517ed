import sampleState from '../sample-state.json';
import { startEmulator } from '../emulator';
import { callers } from '../runtime';

const ADMIN = 'oLoadAdmin00000000000000000';
const VALID = { deliveryId: 'YTO', bizId: 'xyz' };
const INVALID = { deliveryId: 'YTO' };

export interface LoadResult {
  invocations: number;
  /** Each answered as it should: the balance, INVALID_INPUT, or an upstream call the function's own budget cut off. */
  answeredCorrectly: number;
  /** Of the valid half, how many got the live balance. */
  answeredLive: number;
  backendCalls: number;
  ms: number;
  peakRssBytes: number | undefined;
  unhandledRejections: string[];
}

type Envelope = { ok: boolean; data?: { quotaNum?: unknown }; error?: { code?: unknown } };

/**
 * `count` concurrent invocations of the deployable function in one instance, half valid (YTO/xyz →
 * 210) and half invalid (INVALID_INPUT, no back-end call), with a platform timeout generous enough to
 * measure correctness under load rather than latency. The cloud runs one invocation per instance
 * unless told otherwise, so this is far beyond what an instance sees: on the production path (no
 * keep-alive) some valid calls outlast the function's own per-call budget, and answering those
 * UPSTREAM_UNAVAILABLE is correct.
 */
export async function runLoad(functionDir: string, count: number, nodePath?: string): Promise<LoadResult> {
  const emulator = await startEmulator({
    functionDir,
    state: sampleState,
    functionEnv: { QUOTA_ADMIN_OPENIDS: ADMIN },
    nodePath,
    timeoutMs: 60_000,
  });
  try {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        emulator.invoke(index % 2 === 0 ? VALID : INVALID, callers.user(ADMIN)),
      ),
    );
    const ms = Date.now() - started;
    const live = (envelope: Envelope) => envelope.ok && envelope.data?.quotaNum === 210;
    const answeredCorrectly = (results as Envelope[]).filter((envelope, index) =>
      index % 2 === 0
        ? live(envelope) || envelope.error?.code === 'UPSTREAM_UNAVAILABLE'
        : !envelope.ok && envelope.error?.code === 'INVALID_INPUT',
    ).length;
    return {
      invocations: count,
      answeredCorrectly,
      answeredLive: (results as Envelope[]).filter((envelope, index) => index % 2 === 0 && live(envelope)).length,
      backendCalls: emulator.model.callsTo('logistics.getQuota').length,
      ms,
      peakRssBytes: emulator.instance.peakRssBytes(),
      unhandledRejections: [...emulator.instance.unhandledRejections],
    };
  } finally {
    await emulator.close();
  }
}
