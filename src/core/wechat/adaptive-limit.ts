/** getQuota calls in flight when an invocation starts: small, so a tight per-minute quota is found early. */
export const ADAPTIVE_START_CONCURRENCY = 4;
/** Never more in flight than this, however well calls go: at 100 ms a call, about 160 accounts a second. */
export const ADAPTIVE_MAX_CONCURRENCY = 16;

/** The codes that mean "slower, please" for the whole app or cloud environment, not for one account. */
export const SLOW_DOWN_CODES: ReadonlySet<number> = new Set([45011, -501003, -501004]);
/** The app's daily API quota is used up: every further call today fails the same way. */
export const DAILY_QUOTA_CODE = 45009;

export type CallOutcome = 'ok' | 'slow-down' | 'stop' | 'other';

/** What a finished call says about the pace: by its WeChat or cloud code, if it failed. */
export function outcomeOf(errCode: number | undefined, failed: boolean): CallOutcome {
  if (!failed) return 'ok';
  if (errCode === DAILY_QUOTA_CODE) return 'stop';
  if (errCode !== undefined && SLOW_DOWN_CODES.has(errCode)) return 'slow-down';
  return 'other';
}

export interface AdaptiveLimit {
  /** Calls allowed in flight now; 0 once stopped. */
  readonly limit: number;
  readonly stopped: boolean;
}

/**
 * The next limit after a call's outcome: one more per success (so it doubles each round of calls, like
 * TCP's slow start), halved on a rate-limit answer, stopped for good on the daily quota. Failures of
 * one account (a courier error) say nothing about the pace and leave it as it is.
 */
export function nextLimit(current: AdaptiveLimit, outcome: CallOutcome, max = ADAPTIVE_MAX_CONCURRENCY): AdaptiveLimit {
  if (current.stopped || outcome === 'stop') return { limit: 0, stopped: true };
  if (outcome === 'ok') return { limit: Math.min(max, current.limit + 1), stopped: false };
  if (outcome === 'slow-down') return { limit: Math.max(1, Math.floor(current.limit / 2)), stopped: false };
  return current;
}

export const INITIAL_LIMIT: AdaptiveLimit = { limit: ADAPTIVE_START_CONCURRENCY, stopped: false };
