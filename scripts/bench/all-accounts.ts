import { FUNCTION_TIMEOUT_MS } from '../../src/core/time-limits';
import { systemClock } from '../../src/core/clock';
import { silentLogger } from '../../src/core/logger';
import { createInProcessOpenApi } from '../../emulator/in-process-openapi';
import { WechatModel } from '../../emulator/wechat-model';
import * as otherRequests from '../../src/function/lazy-requests';
import { createHandler } from '../../src/function/handler';
import { emptyHistory } from './empty-history';
import { ms, ratio, table } from './stats';

export const CALL_LATENCY_MS = 100;

/** `{ all: true }` for growing account counts, each open-API call taking CALL_LATENCY_MS of real time. */
export async function measureAllAccounts(counts: readonly number[]): Promise<{ markdown: string; fiftyMs: number }> {
  const rows: string[][] = [];
  let fiftyMs = Number.NaN;
  for (const count of counts) {
    const model = new WechatModel({
      couriers: [{ deliveryId: 'YTO', deliveryName: '圆通速递', canGetQuota: true }],
      accounts: Array.from({ length: count }, (_, index) => ({
        deliveryId: 'YTO',
        bizId: `B${index}`,
        quotaNum: index,
        snapshotQuotaNum: index,
      })),
    });
    for (const api of ['logistics.getQuota', 'logistics.getAllAccount', 'logistics.getAllDelivery'])
      model.addFault({ api, latencyMs: CALL_LATENCY_MS });
    const main = createHandler(
      {
        ...createInProcessOpenApi(model, systemClock),
        openDatabase: () => {
          throw new Error('{ all: true } never opens the database');
        },
        history: emptyHistory,
        getCaller: () => ({ source: 'wx_http' }),
        env: {},
        clock: systemClock,
        log: silentLogger,
        // Already loaded: under tsx a dynamic import would add tsx's loading time, which the bundle does not pay, to the first figure.
      },
      async () => otherRequests,
    );
    const started = Date.now();
    const result = await main({ all: true });
    const elapsed = Date.now() - started;
    const accounts = result.ok && 'accounts' in result.data ? result.data.accounts : [];
    const live = accounts.filter((account) => account.quotaSource === 'live').length;
    // getAllAccount and getAllDelivery run side by side, then the getQuota calls.
    const sequential = (count + 2) * CALL_LATENCY_MS;
    if (count === 50) fiftyMs = elapsed;
    rows.push([
      String(count),
      ms(elapsed),
      ms(sequential),
      ratio(elapsed, sequential),
      `${live} / ${count}`,
      elapsed < FUNCTION_TIMEOUT_MS ? 'yes' : 'no',
    ]);
  }
  const markdown = table(
    ['accounts', 'wall time', 'sequential sum', 'vs sequential', 'read live', `under ${FUNCTION_TIMEOUT_MS / 1000} s`],
    rows,
  );
  return { markdown, fiftyMs };
}
