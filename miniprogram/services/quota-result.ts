/**
 * The getQuota function's result as the page may trust it, checked field by field. The page cannot
 * import zod from the repository's node_modules (that needs DevTools' "Build npm"), and this guard
 * is smaller than zod/mini would be in the package. Its types are the contract's (../contract,
 * generated from src/contract), with names kept `string` where a newer function may send one this
 * page does not know yet: it is then said in general terms, never refused.
 */
import type {
  AccountsResult,
  ForecastedAccount,
  QuotaSource,
  SingleQuota,
  UnsupportedAccount,
} from '../contract/answers';
import type { CourierReason, WireError as FunctionWireError } from '../contract/errors';
import { readForecast } from './forecast-result';
import { readChannelList, type ChannelList } from './robot-channels';
import { readTimerStatus, type TimerStatusResult } from './timer-status';
import { isAmount, isInteger, isNullableInteger, isRecord, isString, readList, type Reader } from './wire-checks';

/** Why the function refused the caller (FORBIDDEN): a ForbiddenReason, or a newer one said in general terms. */
export interface ForbiddenDetail {
  reason: string;
  /** The caller's own OPENID, for the admin to add: sent with not-admin and no-admins-configured. */
  openId?: string;
}

/** A WireError whose code is an ErrorCode, or a newer function's code. */
export interface WireError extends Omit<FunctionWireError, 'code' | 'forbidden'> {
  code: string;
  forbidden?: ForbiddenDetail;
}

/** An account of the all-accounts answer; its status an AccountStatus, or a newer one, shown without a tag. */
export interface AccountResult extends Omit<ForecastedAccount, 'status' | 'error'> {
  status: string;
  error?: WireError;
}

/** The all-accounts answer; the alert settings' fields are optional for a function that does not send them. */
export interface AllAccountsResult
  extends
    Pick<AccountsResult, 'unsupported' | 'fetchedAt' | 'alertDays' | 'alertConfigError'>,
    Partial<Pick<AccountsResult, 'lowThreshold' | 'alertTemplateId'>> {
  accounts: AccountResult[];
  alertChannels?: ChannelList;
  timer?: TimerStatusResult | null;
}

const QUOTA_SOURCES: readonly QuotaSource[] = ['live', 'stored', 'snapshot'];

function isQuotaSource(value: unknown): value is QuotaSource {
  return QUOTA_SOURCES.some((source) => source === value);
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
  if (quotaSource !== null && !isQuotaSource(quotaSource)) return undefined;
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

function readUnsupported(value: unknown): UnsupportedAccount | undefined {
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

export const readSingle: Reader<SingleQuota> = (value) => {
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
