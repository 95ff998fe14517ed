import { runLoad } from '../../emulator/drills/load-run';
import { builtFunctionDir, emulatorNode } from '../support/built-function';

const CONCURRENT = 1000;
const PEAK_RSS_LIMIT_BYTES = 512 * 1024 * 1024;

describe('load: the built function under 1,000 concurrent invocations', () => {
  it('answers every one correctly, with bounded memory and no unhandled rejection', async () => {
    const result = await runLoad(builtFunctionDir(), CONCURRENT, emulatorNode());
    // Valid ones answer the balance, or UPSTREAM_UNAVAILABLE where the function's per-call budget cut a call off.
    expect(result).toMatchObject({ answeredCorrectly: CONCURRENT, unhandledRejections: [] });
    expect(result.answeredLive).toBeGreaterThan(0);
    if (result.peakRssBytes !== undefined) {
      process.stdout.write(
        `load: ${CONCURRENT} invocations in ${result.ms} ms, function peak RSS ${(result.peakRssBytes / 1024 / 1024).toFixed(0)} MiB\n`,
      );
      expect(result.peakRssBytes).toBeLessThan(PEAK_RSS_LIMIT_BYTES);
    }
  }, 90_000);
});
