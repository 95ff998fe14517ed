import { MIN_USEFUL_CALL_MS } from '../core/budget';
import { beforeDeadline, type CallContext } from '../core/call';
import { ErrorCode, QuotaError } from '../core/errors';
import { toQuotaError } from '../core/to-quota-error';

/** A history database call made inside the invocation's budget: never started without time for it, never outliving the deadline. */
export async function withinBudget<T>(
  context: Pick<CallContext, 'clock' | 'deadline'>,
  action: string,
  call: () => Promise<T>,
): Promise<T> {
  if (context.clock.now() + MIN_USEFUL_CALL_MS > context.deadline) {
    throw new QuotaError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `The balance history was not ${action}: the time budget of this call ran out first.`,
    );
  }
  return beforeDeadline(call(), context, `the balance history (${action})`);
}

/**
 * The same, for history that only adds to an answer: a failure is logged and `fallback` answers, so
 * balances are never lost because their history could not be read or written.
 */
export async function historyOrFallback<T>(
  context: Pick<CallContext, 'clock' | 'deadline' | 'log'>,
  action: string,
  call: () => Promise<T>,
  fallback: T,
): Promise<T> {
  try {
    return await withinBudget(context, action, call);
  } catch (raw) {
    const error = toQuotaError(raw);
    context.log.warn(`balance history not ${action}`, {
      code: error.code,
      errCode: error.errCode,
      detail: error.message.slice(0, 200),
    });
    return fallback;
  }
}
