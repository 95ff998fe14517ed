import type * as z from 'zod';
import type { Clock } from './clock';
import type { LogisticsApi } from './logistics';
import type { Logger } from './logger';
import { parseAnswer } from './upstream';
import { withRetry } from './retry';

/** What one invocation's upstream calls share: the transport, time, a deadline and the log. */
export interface CallContext {
  api: LogisticsApi;
  clock: Clock;
  /** Epoch milliseconds by which the invocation must have its answer. */
  deadline: number;
  /** The transport's timeout for one call, so that no call is started that could not finish in time. */
  callTimeoutMs: number;
  log: Logger;
}

/** Calls one open API with retries and validates its answer; throws a QuotaError on failure. */
export function callValidated<S extends z.ZodType>(context: CallContext, apiName: string, schema: S, invoke: () => Promise<unknown>): Promise<z.output<S>> {
  return withRetry(async () => parseAnswer(apiName, schema, await invoke()), {
    api: apiName,
    clock: context.clock,
    deadline: context.deadline,
    callTimeoutMs: context.callTimeoutMs,
    onRetry: (error, attempt, delayMs) =>
      context.log.warn('retrying open-API call', { api: apiName, attempt, delayMs, code: error.code, errCode: error.errCode }),
  });
}

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
