/**
 * The getQuota function's result as the page may trust it, checked field by field. The page cannot
 * import zod from the repository's node_modules (that needs DevTools' "Build npm"), and this guard
 * is smaller than zod/mini would be in the package.
 */
import { readForecast, type ForecastResult } from './forecast-result';
import { isAmount, isInteger, isNullableInteger, isRecord, isString, readList, type Reader } from './wire-checks';

/** The courier's own code and words behind WeChat's 9300501 refusal. */
export interface CourierReason {
  code: string;
  message: string;
}

/**
 * Why the function refused the caller (FORBIDDEN): not-admin, no-admins-configured, no-openid, source,
 * cross-account. A reason this page does not know yet is kept and said in general terms.
 */
export interface ForbiddenDetail {
  reason: string;
  /** The caller's own OPENID, for the admin to add: sent with not-admin and no-admins-configured. */
  openId?: string;
}

export interface WireError {
  code: string;
  message: string;
  errCode?: number;
  courier?: CourierReason;
  forbidden?: ForbiddenDetail;
}

export interface AccountResult {
  deliveryId: string;
  deliveryName: string;
  bizId: string;
  alias: string;
  statusCode: number;
  status: string;
  quotaNum: number | null;
  /** stored: not queried live this time (too many accounts for one call); the latest live reading kept. */
  quotaSource: 'live' | 'snapshot' | 'stored' | null;
  quotaUpdatedAt: string | null;
  forecast: ForecastResult;
  error?: WireError;
}

/** Why an account is listed but not queried: its courier bills per parcel, or WeChat does not list its courier. */
export type UnsupportedReason = 'no-quota' | 'courier-unlisted';

export interface UnsupportedResult {
  deliveryId: string;
  deliveryName: string;
  bizId: string;
  alias: string;
  reason: UnsupportedReason;
}

export interface AllAccountsResult {
  accounts: AccountResult[];
  unsupported: UnsupportedResult[];
  fetchedAt: string;
  /** The threshold the function's alerts use, when it reports one. */
  lowThreshold?: number;
  /** QUOTA_ALERT_DAYS: accounts forecast to run out in fewer days are marked. */
  alertDays: number;
  /** The subscribe-message template of the alerts; null when alerts are off. */
  alertTemplateId?: string | null;
  /** Present when an alert setting of the function is wrong: which variable, and what is wrong with it. */
  alertConfigError?: { variable: string; message: string };
}

export interface SingleResult {
  deliveryId: string;
  bizId: string;
  quotaNum: number;
  fetchedAt: string;
}

export type Checked<T> = { ok: true; data: T } | { ok: false; error: WireError };

function readCourier(value: unknown): CourierReason | undefined {
  if (!isRecord(value) || !isString(value.code) || !isString(value.message)) return undefined;
  return { code: value.code, message: value.message };
}

function readForbidden(value: unknown): ForbiddenDetail | undefined {
  if (!isRecord(value) || !isString(value.reason)) return undefined;
  if (value.openId === undefined) return { reason: value.reason };
  return isString(value.openId) ? { reason: value.reason, openId: value.openId } : undefined;
}

/** An optional field: absent is fine, present must read; `false` when present and malformed. */
function readOptional<T>(value: unknown, read: Reader<T>): T | undefined | false {
  return value === undefined ? undefined : (read(value) ?? false);
}

function readError(value: unknown): WireError | undefined {
  if (!isRecord(value) || !isString(value.code) || !isString(value.message)) return undefined;
  if (value.errCode !== undefined && !isInteger(value.errCode)) return undefined;
  const courier = readOptional(value.courier, readCourier);
  const forbidden = readOptional(value.forbidden, readForbidden);
  if (courier === false || forbidden === false) return undefined;
  const error: WireError = { code: value.code, message: value.message };
  if (value.errCode !== undefined) error.errCode = value.errCode;
  if (courier) error.courier = courier;
  if (forbidden) error.forbidden = forbidden;
  return error;
}

function readAccount(value: unknown): AccountResult | undefined {
  if (!isRecord(value)) return undefined;
  const { deliveryId, deliveryName, bizId, alias, statusCode, status, quotaNum, quotaSource, quotaUpdatedAt } = value;
  if (!isString(deliveryId) || !isString(deliveryName) || !isString(bizId) || !isString(alias) || !isString(status)) return undefined;
  if (!isInteger(statusCode) || !isNullableInteger(quotaNum)) return undefined;
  if (quotaSource !== 'live' && quotaSource !== 'snapshot' && quotaSource !== 'stored' && quotaSource !== null) return undefined;
  if (quotaUpdatedAt !== null && !isString(quotaUpdatedAt)) return undefined;
  const forecast = readForecast(value.forecast);
  if (!forecast) return undefined;
  const account: AccountResult = { deliveryId, deliveryName, bizId, alias, statusCode, status, quotaNum, quotaSource, quotaUpdatedAt, forecast };
  if (value.error === undefined) return account;
  const error = readError(value.error);
  return error ? { ...account, error } : undefined;
}

function readUnsupported(value: unknown): UnsupportedResult | undefined {
  if (!isRecord(value) || !isString(value.deliveryId) || !isString(value.deliveryName) || !isString(value.bizId) || !isString(value.alias)) return undefined;
  const { reason } = value;
  if (reason !== 'no-quota' && reason !== 'courier-unlisted') return undefined;
  return { deliveryId: value.deliveryId, deliveryName: value.deliveryName, bizId: value.bizId, alias: value.alias, reason };
}

function readAlertConfigError(value: unknown): { variable: string; message: string } | undefined {
  if (!isRecord(value) || !isString(value.variable) || !isString(value.message)) return undefined;
  return { variable: value.variable, message: value.message };
}

export const readAllAccounts: Reader<AllAccountsResult> = (value) => {
  if (!isRecord(value) || !isString(value.fetchedAt)) return undefined;
  const accounts = readList(value.accounts, readAccount);
  const unsupported = readList(value.unsupported, readUnsupported);
  if (!accounts || !unsupported) return undefined;
  const { lowThreshold, alertDays, alertTemplateId, alertConfigError } = value;
  if (lowThreshold !== undefined && !isInteger(lowThreshold)) return undefined;
  if (!isAmount(alertDays)) return undefined;
  if (alertTemplateId !== undefined && alertTemplateId !== null && !isString(alertTemplateId)) return undefined;
  const configError = alertConfigError === undefined ? undefined : readAlertConfigError(alertConfigError);
  if (alertConfigError !== undefined && !configError) return undefined;
  const result: AllAccountsResult = { accounts, unsupported, fetchedAt: value.fetchedAt, alertDays };
  if (lowThreshold !== undefined) result.lowThreshold = lowThreshold;
  if (alertTemplateId !== undefined) result.alertTemplateId = alertTemplateId;
  if (configError) result.alertConfigError = configError;
  return result;
};

export const readSingle: Reader<SingleResult> = (value) => {
  if (!isRecord(value) || !isString(value.deliveryId) || !isString(value.bizId) || !isInteger(value.quotaNum) || !isString(value.fetchedAt)) return undefined;
  return { deliveryId: value.deliveryId, bizId: value.bizId, quotaNum: value.quotaNum, fetchedAt: value.fetchedAt };
};

/** The envelope checked with `readData`; undefined when the result is not a well-formed envelope. */
export function checkEnvelope<T>(result: unknown, readData: Reader<T>): Checked<T> | undefined {
  if (!isRecord(result)) return undefined;
  if (result.ok === true) {
    const data = readData(result.data);
    return data === undefined ? undefined : { ok: true, data };
  }
  if (result.ok === false) {
    const error = readError(result.error);
    return error ? { ok: false, error } : undefined;
  }
  return undefined;
}
