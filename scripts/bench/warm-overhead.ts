import { noRobots } from '../../emulator/robots/robot-server';
import type { LogisticsApi } from '../../src/core/wechat/logistics';
import { silentLogger } from '../../src/core/logger';
import { systemClock } from '../../src/core/clock';
import { createHandler } from '../../src/function/handler';
import { emptyHistory } from './empty-history';
import { median, table } from './stats';

const ANSWER = { quotaNum: 210, errMsg: 'openapi.logistics.getQuota:ok', errCode: 0 };
const EVENT = { deliveryId: 'YTO', bizId: 'xyz', userInfo: { appId: 'wx0', openId: 'oAdmin' } };

/** Microseconds per call of `run`, as the median of `rounds` batches of `batch` sequential calls. */
async function microsPerCall(run: () => Promise<unknown>, rounds: number, batch: number): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = process.hrtime.bigint();
    for (let call = 0; call < batch; call += 1) await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e3 / batch);
  }
  return median(samples);
}

/** The per-invocation cost of main (authorize, validate, call, parse, envelope) over a bare call of the same fake API. */
export async function measureWarmOverhead(): Promise<{ markdown: string; overheadMicros: number }> {
  const logistics: LogisticsApi = {
    getQuota: async () => ANSWER,
    getAllAccount: async () => ({}),
    getAllDelivery: async () => ({}),
  };
  const main = createHandler({
    logistics,
    messaging: { sendSubscribeMessage: async () => ({}) },
    robotPost: noRobots,
    openDatabase: () => {
      throw new Error('a single query never opens the database');
    },
    history: emptyHistory,
    getCaller: () => ({ openId: 'oAdmin', source: 'wx_client' }),
    env: { QUOTA_ADMIN_OPENIDS: 'oAdmin' },
    clock: systemClock,
    log: silentLogger,
  });
  const bare = () => logistics.getQuota({ deliveryId: 'YTO', bizId: 'xyz' });
  const full = () => main(EVENT);
  // Warm up both paths so that neither pays for JIT compilation in the measured rounds.
  await microsPerCall(bare, 3, 2_000);
  await microsPerCall(full, 3, 2_000);
  const rounds = 15;
  const bareSamples: number[] = [];
  const fullSamples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    bareSamples.push(await microsPerCall(bare, 1, 5_000));
    fullSamples.push(await microsPerCall(full, 1, 5_000));
  }
  const bareMicros = median(bareSamples);
  const fullMicros = median(fullSamples);
  const overheadMicros = fullMicros - bareMicros;
  const markdown = table(
    ['path', 'per call (median of 15 × 5,000)', ''],
    [
      ['bare call of the fake logistics API', `${bareMicros.toFixed(2)} µs`, ''],
      [
        'our main: authorize, validate, call, parse, envelope',
        `${fullMicros.toFixed(2)} µs`,
        `+${overheadMicros.toFixed(2)} µs, ${(fullMicros / bareMicros).toFixed(1)}× the bare call`,
      ],
    ],
  );
  return { markdown, overheadMicros };
}
