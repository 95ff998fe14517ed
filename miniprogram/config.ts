/** The cloud development environment that holds getQuota: replace with yours (云开发控制台 → 环境 ID). */
export const CLOUD_ENV_ID = 'your-cloud-env-id';
