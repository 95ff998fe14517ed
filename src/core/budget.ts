/** The cloud's default function timeout; everything below is sized to finish well inside it. */
export const FUNCTION_TIMEOUT_MS = 3_000;
/** The time an invocation allows itself: the rest of FUNCTION_TIMEOUT_MS is margin for start-up and the reply. */
export const TIME_BUDGET_MS = 2_500;
/** How long a single open-API call may take before the SDK abandons it as unavailable. */
export const OPENAPI_CALL_TIMEOUT_MS = 1_200;
/** No call or retry is started with less time than this left before the deadline: it could not finish. */
export const MIN_USEFUL_CALL_MS = 250;
/** getQuota calls in flight at once for the all-accounts query: 50 accounts at 100 ms take about 0.7 s. */
export const ACCOUNT_QUERY_CONCURRENCY = 8;

export const RETRY_MAX_ATTEMPTS = 3;
export const RETRY_BASE_DELAY_MS = 100;
export const RETRY_MAX_DELAY_MS = 400;
