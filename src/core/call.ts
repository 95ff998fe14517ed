import type * as z from 'zod';
import type { Clock } from './clock';
import type { LogisticsApi } from './logistics';
import type { Logger } from './logger';
import { parseAnswer } from './upstream';
import { QuotaError } from './errors';
import { ErrorCode } from '../contract/errors';
import { withRetry } from './retry';

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
  return withRetry(() => beforeDeadline(attempt(), context, apiName), {
    api: apiName,
    clock: context.clock,
    deadline: context.deadline,
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

/** The cause of a call given up at the deadline: its outcome is unknown, not failed. */
const ABANDONED = Symbol('abandoned at the deadline');

export function isAbandoned(error: unknown): boolean {
  return error instanceof QuotaError && error.cause === ABANDONED;
}

/** Why a settled call's deadline watch is stopped. */
const CALL_SETTLED = 'call settled';

/**
 * The call's answer, or UPSTREAM_UNAVAILABLE once the deadline passes. Always raced, never left to the
 * transport: the SDK's socket timeout restarts with every byte, so an answer that drips would outlive
 * any deadline. One timer per call, cleared when the call settles. The abandoned call finishes unobserved.
 */
export async function beforeDeadline<T>(
  call: Promise<T>,
  context: Pick<CallContext, 'clock' | 'deadline'>,
  apiName: string,
): Promise<T> {
  const remaining = context.deadline - context.clock.now();
  const timer = new AbortController();
  const expired = context.clock.sleep(Math.max(0, remaining), timer.signal).then(() => {
    throw new QuotaError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `${apiName} did not answer before this call's time budget ran out. Try again, or query fewer accounts at once.`,
      {
        cause: ABANDONED,
      },
    );
  });
  try {
    return await Promise.race([call, expired]);
  } finally {
    // abort() without a reason builds a DOMException on every call: about a fifth of a warm call's overhead.
    timer.abort(CALL_SETTLED);
  }
}

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
