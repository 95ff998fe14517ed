import { fetchQuota } from '../../src/core/wechat/single-quota';
import { systemClock } from '../../src/core/clock';
import { silentLogger } from '../../src/core/logger';
import sampleState from '../../emulator/sample-state.json';
import { startHttpsFace } from '../../emulator/https-server';
import { EMULATED_CREDENTIALS, STABLE_TOKEN_API, WechatModel } from '../../emulator/wechat-model';
import { createHttpsClient } from '../../src/https/client';
import { table } from './stats';

const context = (api: ReturnType<typeof createHttpsClient>['logistics']) => ({
  api,
  clock: systemClock,
  deadline: Date.now() + 120_000,
  log: silentLogger,
});

/** stable_token requests for N concurrent HTTPS queries from cold: one shared client, and the naive one client each. */
export async function measureTokenSingleFlight(
  concurrency: readonly number[],
): Promise<{ markdown: string; counts: Record<number, { ours: number; naive: number }> }> {
  const counts: Record<number, { ours: number; naive: number }> = {};
  for (const n of concurrency) {
    const model = new WechatModel(sampleState);
    const face = await startHttpsFace(model);
    try {
      const shared = createHttpsClient({ ...EMULATED_CREDENTIALS, baseUrl: face.baseUrl, timeoutMs: 30_000 });
      await Promise.all(
        Array.from({ length: n }, () => fetchQuota(context(shared.logistics), { deliveryId: 'YTO', bizId: 'xyz' })),
      );
      const ours = model.callsTo(STABLE_TOKEN_API).length;
      // The pattern of peer SDKs: every caller fetches its own token.
      await Promise.all(
        Array.from({ length: n }, () => {
          const own = createHttpsClient({ ...EMULATED_CREDENTIALS, baseUrl: face.baseUrl, timeoutMs: 30_000 });
          return fetchQuota(context(own.logistics), { deliveryId: 'YTO', bizId: 'xyz' });
        }),
      );
      counts[n] = { ours, naive: model.callsTo(STABLE_TOKEN_API).length - ours };
    } finally {
      await face.close();
    }
  }
  const markdown = table(
    [
      'concurrent queries from cold',
      'token requests: ours (shared in-flight fetch)',
      'token requests: naive (each caller its own)',
    ],
    concurrency.map((n) => [String(n), String(counts[n]?.ours), String(counts[n]?.naive)]),
  );
  return { markdown, counts };
}
