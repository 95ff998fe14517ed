/** The cloud development environment that holds getQuota: replace with yours (云开发控制台 → 环境 ID). */
export const CLOUD_ENV_ID = 'your-cloud-env-id';

/** The cloud function the page calls: the function's own name (src/function/function-name.ts). */
export const FUNCTION_NAME = 'getQuota';

/** Balances strictly under this stand out on the page, unless the function reports its own lowThreshold. */
export const DEFAULT_LOW_THRESHOLD = 100;

/** How often the timer trigger runs (config.json): a heartbeat older than twice this means no trigger. */
export const TIMER_EVERY_MINUTES = 10;
