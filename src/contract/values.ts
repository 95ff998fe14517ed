/* The few values the function, the CLI and the page must agree on. */

/**
 * The cloud function's name: its folder under cloudfunctions/, what the page calls, what deploy uploads
 * and the emulator reports.
 */
export const FUNCTION_NAME = 'getQuota';

/** Balances strictly under this are low, unless QUOTA_LOW_THRESHOLD says otherwise. */
export const DEFAULT_LOW_THRESHOLD = 100;

/** One rule for "running low", for the page, the CLI and the alerts: strictly under the threshold. */
export function isLowBalance(quotaNum: number | null, lowThreshold: number): boolean {
  return quotaNum !== null && quotaNum < lowThreshold;
}

/** The most history one request may ask for, and what it gets when it does not say: the page's trend. */
export const MAX_HISTORY_DAYS = 30;

/** The trigger in config.json runs every this many minutes (a test holds the two together). */
export const TIMER_EVERY_MINUTES = 10;

/** The collections the function keeps its balance history and its alert memory in: users may not read them. */
export const HISTORY_COLLECTION = 'quota_history';
export const ALERT_COLLECTION = 'quota_alerts';

/** The page a subscribe message opens, and the one the emulator's published version must have. */
export const ALERT_PAGE = 'pages/quota/index';
