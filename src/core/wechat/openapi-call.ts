import type * as z from 'zod';
import type { Clock } from '../clock';
import type { LogisticsApi } from './logistics';
import type { Logger } from '../logger';
import { parseAnswer } from './upstream';
import type { QuotaError } from '../errors/errors';
import { withRetry } from './retry';
import { timeLeft } from '../run-budget';

/** What one invocation's upstream calls share: the transport, time, a deadline and the log. */
export interface CallContext {
  api: LogisticsApi;
  clock: Clock;
  /** Epoch milliseconds by which the invocation must have its answer; no call outlives it. */
  deadline: number;
  log: Logger;
}

/** Calls one open API with retries and validates its answer; throws a QuotaError on failure. */
export function callValidated<S extends z.ZodType>(
  context: CallContext,
  apiName: string,
  schema: S,
  invoke: () => Promise<unknown>,
): Promise<z.output<S>> {
  return callWithinBudget(context, apiName, async () => parseAnswer(apiName, schema, await invoke()));
}

/** Calls one open API, retrying what may succeed, with no attempt outliving the deadline; throws a QuotaError. */
export function callWithinBudget<T>(
  context: Omit<CallContext, 'api'>,
  apiName: string,
  attempt: () => Promise<T>,
  mayRetry?: (error: QuotaError) => boolean,
): Promise<T> {
  const budget = timeLeft(context);
  return withRetry(() => budget.abandonAtDeadline(attempt(), apiName), {
    api: apiName,
    budget,
    mayRetry,
    onRetry: (error, attempt, delayMs) =>
      context.log.warn('retrying open-API call', {
        api: apiName,
        attempt,
        delayMs,
        code: error.code,
        errCode: error.errCode,
      }),
  });
}
