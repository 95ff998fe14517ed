/**
 * The getQuota function's result as the page may trust it, checked field by field. The page cannot
 * import zod from the repository's node_modules (that needs DevTools' "Build npm"), and this guard
 * is smaller than zod/mini would be in the package.
 */
import { readForecast, type ForecastResult } from './forecast-result';
import { readChannelList, type ChannelList } from './robot-channels';
import { readTimerStatus, type TimerStatusResult } from './timer-status';
import { isAmount, isInteger, isNullableInteger, isRecord, isString, readList, type Reader } from './wire-checks';

// The names below copy the function's (src/core): test/miniprogram/page-contract.ts fails to compile
// when the two lists differ. Fields stay `string` where a newer function may send a name this page
// does not know yet: it is then said in general terms, never refused.

/** The function's stable error codes (src/core/errors.ts). */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'FORBIDDEN'
  | 'CONFIG_INVALID'
  | 'PERMISSION_DENIED'
  | 'ACCOUNT_NOT_BOUND'
  | 'COURIER_NOT_SUPPORTED'
  | 'RATE_LIMITED'
  | 'CREDENTIALS_INVALID'
  | 'WECHAT_ERROR'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_INVALID'
  | 'INTERNAL';

/** Why the function refused the caller, on FORBIDDEN (src/core/forbidden.ts). */
export type ForbiddenReason =
  'not-admin' | 'no-admins-configured' | 'no-openid' | 'source' | 'cross-account' | 'not-timer';

/** An account's binding, named from getAllAccount's status_code (src/core/all-accounts.ts). */
export type AccountStatus = 'bound' | 'reviewing' | 'failed' | 'unbound' | 'unknown';
/** The one status whose balance is queried. */
export const BOUND: AccountStatus = 'bound';

/** Where a balance comes from: queried now, the latest stored live reading, or getAllAccount's cached snapshot. */
export type QuotaSource = 'live' | 'stored' | 'snapshot';

/** The courier's own code and words behind WeChat's 9300501 refusal. */
export interface CourierReason {
  code: string;
  message: string;
}

/** Why the function refused the caller (FORBIDDEN): a ForbiddenReason, or a newer one said in general terms. */
export interface ForbiddenDetail {
  reason: string;
  /** The caller's own OPENID, for the admin to add: sent with not-admin and no-admins-configured. */
  openId?: string;
}

export interface WireError {
  /** An ErrorCode, or a newer function's code, said in general terms. */
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
  /** An AccountStatus, or a newer one, shown without a tag. */
  status: string;
  quotaNum: number | null;
  /** stored: not queried live this time (too many accounts for one call); the latest live reading kept. */
  quotaSource: QuotaSource | null;
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
  /** The group robots the alerts post to (masked), and the entries of QUOTA_ALERT_WEBHOOKS that are wrong. */
  alertChannels?: ChannelList;
  /** What the last timer run did; null when none ever ran; absent when the function could not tell. */
  timer?: TimerStatusResult | null;
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
  if (!isString(deliveryId) || !isString(deliveryName) || !isString(bizId) || !isString(alias) || !isString(status))
    return undefined;
  if (!isInteger(statusCode) || !isNullableInteger(quotaNum)) return undefined;
  if (quotaSource !== 'live' && quotaSource !== 'snapshot' && quotaSource !== 'stored' && quotaSource !== null)
    return undefined;
  if (quotaUpdatedAt !== null && !isString(quotaUpdatedAt)) return undefined;
  const forecast = readForecast(value.forecast);
  if (!forecast) return undefined;
  const account: AccountResult = {
    deliveryId,
    deliveryName,
    bizId,
    alias,
    statusCode,
    status,
    quotaNum,
    quotaSource,
    quotaUpdatedAt,
    forecast,
  };
  if (value.error === undefined) return account;
  const error = readError(value.error);
  return error ? { ...account, error } : undefined;
}

function readUnsupported(value: unknown): UnsupportedResult | undefined {
  if (
    !isRecord(value) ||
    !isString(value.deliveryId) ||
    !isString(value.deliveryName) ||
    !isString(value.bizId) ||
    !isString(value.alias)
  )
    return undefined;
  const { reason } = value;
  if (reason !== 'no-quota' && reason !== 'courier-unlisted') return undefined;
  return {
    deliveryId: value.deliveryId,
    deliveryName: value.deliveryName,
    bizId: value.bizId,
    alias: value.alias,
    reason,
  };
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
  const channels = value.alertChannels === undefined ? undefined : readChannelList(value.alertChannels);
  if (value.alertChannels !== undefined && !channels) return undefined;
  const timer = value.timer === undefined ? undefined : readTimerStatus(value.timer);
  if (value.timer !== undefined && timer === undefined) return undefined;
  const result: AllAccountsResult = { accounts, unsupported, fetchedAt: value.fetchedAt, alertDays };
  if (lowThreshold !== undefined) result.lowThreshold = lowThreshold;
  if (alertTemplateId !== undefined) result.alertTemplateId = alertTemplateId;
  if (configError) result.alertConfigError = configError;
  if (channels) result.alertChannels = channels;
  if (timer !== undefined) result.timer = timer;
  return result;
};

export const readSingle: Reader<SingleResult> = (value) => {
  if (
    !isRecord(value) ||
    !isString(value.deliveryId) ||
    !isString(value.bizId) ||
    !isInteger(value.quotaNum) ||
    !isString(value.fetchedAt)
  )
    return undefined;
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
