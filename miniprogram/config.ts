/** The cloud development environment that holds getQuota: replace with yours (云开发控制台 → 环境 ID). */
export const CLOUD_ENV_ID = 'your-cloud-env-id';

export const QUOTA_FUNCTION_NAME = 'getQuota';

/** Balances strictly under this stand out on the page, unless the function reports its own threshold. */
export const LOW_BALANCE_THRESHOLD = 100;
