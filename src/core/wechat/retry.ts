import type { QuotaError } from '../errors/errors';
import { RETRY_BASE_DELAY_MS, RETRY_MAX_ATTEMPTS, RETRY_MAX_DELAY_MS } from '../time-limits';
import type { RunBudget } from '../run-budget';
import { toQuotaError } from '../errors/to-quota-error';

/** Retry only what may succeed when repeated (system busy, transport failures), a bounded number of times. */
export function shouldRetry(error: QuotaError, attempt: number): boolean {
  return error.retryable && attempt < RETRY_MAX_ATTEMPTS;
}

/** Full jitter: a random delay up to an exponentially growing cap, so retrying callers spread out. */
export function backoffDelayMs(attempt: number, random: number): number {
  const cap = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.floor(random * cap);
}

export interface RetryOptions {
  api: string;
  /** The time left: a retry starts only when it could still be of use before the deadline. */
  budget: RunBudget;
  onRetry?: (error: QuotaError, attempt: number, delayMs: number) => void;
  /** Which failures may be repeated; `shouldRetry` by default. Sends that must not arrive twice narrow it. */
  mayRetry?: (error: QuotaError) => boolean;
}

/** Runs `call`, retrying retryable failures while another attempt still fits before the deadline. */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { api, budget, onRetry, mayRetry } = options;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (raw) {
      const error = toQuotaError(raw, api);
      const retryable = mayRetry ? mayRetry(error) && attempt < RETRY_MAX_ATTEMPTS : shouldRetry(error, attempt);
      if (!retryable) throw error;
      const delayMs = backoffDelayMs(attempt, budget.clock.random());
      if (!budget.hasUsefulTime(delayMs)) throw error;
      onRetry?.(error, attempt, delayMs);
      await budget.pause(delayMs);
    }
  }
}
