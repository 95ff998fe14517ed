import { QuotaError } from '../../core/errors/errors';
import { ErrorCode } from '../../contract/errors';

export const ALERT_DAYS_VARIABLE = 'QUOTA_ALERT_DAYS';
/** An account is low when it runs out within this many days, whatever its balance. */
export const DEFAULT_ALERT_DAYS = 3;
/** More than the forecast's four weeks of history could ever back. */
export const MAX_ALERT_DAYS = 30;

/** Like zod's safeParse, but always with a usable value: the page keeps working with the default while timer runs stop. */
export type AlertDaysResult = { success: true; days: number } | { success: false; days: number; error: QuotaError };

/**
 * QUOTA_ALERT_DAYS: a whole number of days, 0 (days-left alerts off) to 30. A wrong value is an
 * alert-only mistake: it never breaks the page (which shows it, and marks by the default meanwhile).
 */
export function readAlertDays(env: Readonly<Record<string, string | undefined>>): AlertDaysResult {
  const raw = env[ALERT_DAYS_VARIABLE]?.trim();
  if (!raw) return { success: true, days: DEFAULT_ALERT_DAYS };
  if (/^\d+$/.test(raw) && Number(raw) <= MAX_ALERT_DAYS) return { success: true, days: Number(raw) };
  const message =
    `The function's environment variable ${ALERT_DAYS_VARIABLE} must be a whole number of days ` +
    `from 0 (off) to ${MAX_ALERT_DAYS}, got "${raw.slice(0, 40)}". ` +
    `Fix it in the cloud console (getQuota → configuration); ` +
    `until then the page marks accounts by the default of ${DEFAULT_ALERT_DAYS} days and timer runs stop.`;
  return { success: false, days: DEFAULT_ALERT_DAYS, error: new QuotaError(ErrorCode.CONFIG_INVALID, message) };
}
