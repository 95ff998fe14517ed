/** The cloud's default function timeout; everything below is sized to finish well inside it. */
export const FUNCTION_TIMEOUT_MS = 3_000;
/** The time an invocation allows itself: the rest of FUNCTION_TIMEOUT_MS is margin for start-up and the reply. */
export const TIME_BUDGET_MS = 2_500;
/** How long a single open-API call may take before the SDK abandons it as unavailable. */
export const OPENAPI_CALL_TIMEOUT_MS = 1_200;
/** No call or retry is started with less time than this left before the deadline: it could not finish. */
export const MIN_USEFUL_CALL_MS = 250;

export const RETRY_MAX_ATTEMPTS = 3;
export const RETRY_BASE_DELAY_MS = 100;
export const RETRY_MAX_DELAY_MS = 400;

/** What a send is assumed to take until this run has timed one (any other call: MIN_USEFUL_CALL_MS). */
export const FIRST_SEND_ESTIMATE_MS = 100;
/** Kept free after the last send for the writes that record it, beyond their measured duration. */
export const WRITE_MARGIN_MS = 100;
/**
 * How long a run's claim holds. No call starts after an invocation's TIME_BUDGET_MS, whatever the
 * console's timeout, so a claim four budgets old belongs to a run that can no longer send.
 */
export const ALERT_LEASE_TTL_MS = 4 * TIME_BUDGET_MS;
