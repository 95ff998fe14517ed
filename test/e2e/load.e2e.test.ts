import { runLoad } from '../../src/emulator/load-run';
import { builtFunctionDir, emulatorNode } from '../support/built-function';

const CONCURRENT = 1000;
const PEAK_RSS_LIMIT_BYTES = 512 * 1024 * 1024;

describe('load: the built function under 1,000 concurrent invocations', () => {
  it('answers every one correctly, with bounded memory and no unhandled rejection', async () => {
    const result = await runLoad(builtFunctionDir(), CONCURRENT, emulatorNode());
    expect(result).toMatchObject({ answeredCorrectly: CONCURRENT, backendCalls: CONCURRENT / 2, unhandledRejections: [] });
    if (result.peakRssBytes !== undefined) {
      process.stdout.write(`load: ${CONCURRENT} invocations in ${result.ms} ms, function peak RSS ${(result.peakRssBytes / 1024 / 1024).toFixed(0)} MiB\n`);
      expect(result.peakRssBytes).toBeLessThan(PEAK_RSS_LIMIT_BYTES);
    }
  }, 90_000);
});
