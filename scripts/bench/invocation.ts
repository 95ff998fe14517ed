import sampleState from '../../emulator/sample-state.json';
import { startEmulator } from '../../emulator/emulator';
import { callers } from '../../emulator/runtime';
import { median, ms, table } from './stats';

const ADMIN = 'oBenchAdmin0000000000000000';

/**
 * A warm invocation end to end: the built bundle in the emulator, on the production path the cloud
 * sets (no metadata look-up, no keep-alive), one account and the whole list, medians of `runs`.
 */
export async function measureInvocation(functionDir: string, runs: number): Promise<string> {
  const emulator = await startEmulator({
    functionDir,
    state: sampleState,
    functionEnv: { QUOTA_ADMIN_OPENIDS: ADMIN },
  });
  try {
    const timed = async (event: unknown) => {
      const samples: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        await emulator.invoke(event, callers.user(ADMIN));
        samples.push(performance.now() - started);
      }
      return median(samples);
    };
    const single = await timed({ deliveryId: 'YTO', bizId: 'xyz' });
    const before = emulator.model.callsTo('logistics.getQuota').length;
    await emulator.invoke({ all: true }, callers.user(ADMIN));
    const perList = emulator.model.callsTo('logistics.getQuota').length - before;
    const all = await timed({ all: true });
    return table(
      ['warm invocation through the emulator', `median of ${runs}`],
      [
        ['one account (1 open-API call)', ms(single)],
        [`all accounts (${perList} getQuota calls + 2 lists)`, ms(all)],
      ],
    );
  } finally {
    await emulator.close();
  }
}
