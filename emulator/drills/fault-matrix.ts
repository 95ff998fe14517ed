import { FUNCTION_TIMEOUT_MS } from '../../src/core/time-limits';
import sampleState from '../sample-state.json';
import { startEmulator, type Emulator } from '../emulator';
import { EMULATED_SECRET_ID, EMULATED_SECRET_KEY, callers } from '../runtime';
import type { Fault } from '../wechat-model';

const GET_QUOTA = 'logistics.getQuota';
const ADMIN = 'oFaultMatrixAdmin0000000000';

export interface FaultCase {
  name: string;
  family: string;
  fault: Omit<Fault, 'api'> | 'backend down';
}

/**
 * One case per upstream fault class, each through the built bundle and the real SDK. What each must
 * answer is the e2e test's to say (test/e2e/fault-matrix.e2e.test.ts); this only runs and measures.
 */
export const FAULT_CASES = [
  { name: 'account not bound (9300525)', family: 'logistics business error', fault: { errcode: 9300525 } },
  { name: 'courier not supported (9300527)', family: 'logistics business error', fault: { errcode: 9300527 } },
  { name: 'daily API quota used up (45009)', family: 'rate limit', fault: { errcode: 45009 } },
  { name: 'too frequent (9300537)', family: 'rate limit', fault: { errcode: 9300537 } },
  { name: 'Logistics Assistant not enabled (48001)', family: 'permission', fault: { errcode: 48001 } },
  { name: 'API not declared (-604101)', family: 'cloud platform', fault: { platformErrorCode: -604101 } },
  { name: 'cloud system error (-604103)', family: 'cloud platform', fault: { platformErrorCode: -604103 } },
  { name: 'system busy once (-1)', family: 'system busy', fault: { errcode: -1, times: 1 } },
  { name: 'system busy throughout (-1)', family: 'system busy', fault: { errcode: -1 } },
  { name: 'latency beyond the call timeout (2 s)', family: 'timeout', fault: { latencyMs: 2_000 } },
  { name: 'connection reset once', family: 'transport', fault: { drop: true, times: 1 } },
  { name: 'connection reset throughout', family: 'transport', fault: { drop: true } },
  { name: 'garbage instead of protobuf', family: 'malformed answer', fault: { garbage: true } },
  { name: 'empty answer', family: 'malformed answer', fault: { empty: true } },
  { name: 'quota_num as text', family: 'malformed answer', fault: { body: { errcode: 0, quota_num: 'many' } } },
  { name: 'back end down', family: 'transport', fault: 'backend down' },
] as const satisfies readonly FaultCase[];

export type FaultName = (typeof FAULT_CASES)[number]['name'];

export interface FaultRow extends FaultCase {
  name: FaultName;
  code: string;
  errCode: number | undefined;
  /** getQuota calls that reached the back end (for "back end down", attempts are inferred from the log). */
  calls: number;
  retried: boolean;
  ms: number;
  withinTimeout: boolean;
  /** What leaked into the result or the log: secrets or stack traces. Empty is the only good answer. */
  leaks: string[];
}

const STACK_FRAME = /\bat \S+ \(?[^()\s]+:\d+:\d+\)?/;

function leaksIn(text: string): string[] {
  const found: string[] = [];
  if (text.includes(EMULATED_SECRET_KEY) || text.includes(EMULATED_SECRET_ID)) found.push('cloud credentials');
  if (STACK_FRAME.test(text)) found.push('stack trace');
  return found;
}

async function runCase(emulator: Emulator, faultCase: (typeof FAULT_CASES)[number]): Promise<FaultRow> {
  emulator.model.clearFaults();
  emulator.model.calls.length = 0;
  const logStart = emulator.instance.logs.length;
  if (faultCase.fault === 'backend down') await emulator.cloud.close();
  else emulator.model.addFault({ api: GET_QUOTA, ...faultCase.fault });
  const started = Date.now();
  const result = (await emulator.invoke({ deliveryId: 'YTO', bizId: 'xyz' }, callers.user(ADMIN))) as {
    ok: boolean;
    error?: { code: string; errCode?: number };
  };
  const ms = Date.now() - started;
  const logs = emulator.instance.logs.slice(logStart).join('\n');
  const retries = logs.split('retrying open-API call').length - 1;
  const calls = faultCase.fault === 'backend down' ? retries + 1 : emulator.model.callsTo(GET_QUOTA).length;
  return {
    ...faultCase,
    code: result.ok ? 'ok' : (result.error?.code ?? 'malformed'),
    errCode: result.error?.errCode,
    calls,
    retried: calls > 1,
    ms,
    withinTimeout: ms < FUNCTION_TIMEOUT_MS,
    leaks: leaksIn(`${JSON.stringify(result)}\n${logs}`),
  };
}

/** Runs every fault case against one emulator and the deployable folder; the back end goes down last. */
export async function runFaultMatrix(functionDir: string, nodePath?: string): Promise<FaultRow[]> {
  const emulator = await startEmulator({
    functionDir,
    state: sampleState,
    functionEnv: { QUOTA_ADMIN_OPENIDS: ADMIN },
    nodePath,
  });
  const rows: FaultRow[] = [];
  try {
    for (const faultCase of FAULT_CASES) rows.push(await runCase(emulator, faultCase));
    if (emulator.instance.unhandledRejections.length > 0)
      throw new Error(`unhandled rejections in the function: ${emulator.instance.unhandledRejections.join('; ')}`);
  } finally {
    await emulator.close();
  }
  return rows;
}
