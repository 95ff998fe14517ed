import { callers } from '../../src/emulator/runtime';
import type { QuotaEnvelope } from '../../src/function/handler';
import { ADMIN, startSampleEmulator } from './emulator-harness';

const CONCURRENT = 1000;
const PEAK_RSS_LIMIT_BYTES = 512 * 1024 * 1024;

describe('load: the built function under 1,000 concurrent invocations', () => {
  it('answers every one correctly, with bounded memory and no unhandled rejection', async () => {
    // One warm instance takes them all, with a generous timeout: this measures correctness under load, not latency.
    const emulator = await startSampleEmulator({ timeoutMs: 60_000 });
    try {
      const results = (await Promise.all(
        Array.from({ length: CONCURRENT }, (_, index) => emulator.invoke(index % 2 === 0 ? { deliveryId: 'YTO', bizId: 'xyz' } : { deliveryId: 'YTO' }, callers.user(ADMIN))),
      )) as QuotaEnvelope[];
      const answered = results.filter((result, index) => (index % 2 === 0 ? result.ok && 'quotaNum' in result.data && result.data.quotaNum === 210 : !result.ok && result.error.code === 'INVALID_INPUT'));
      expect(answered).toHaveLength(CONCURRENT);
      expect(emulator.model.callsTo('logistics.getQuota')).toHaveLength(CONCURRENT / 2);
      expect(emulator.instance.unhandledRejections).toEqual([]);
      const peak = emulator.instance.peakRssBytes();
      if (peak !== undefined) {
        process.stdout.write(`load: ${CONCURRENT} invocations, function peak RSS ${(peak / 1024 / 1024).toFixed(0)} MiB\n`);
        expect(peak).toBeLessThan(PEAK_RSS_LIMIT_BYTES);
      }
    } finally {
      await emulator.close();
    }
  }, 90_000);
});
