/**
 * The page's wire types (miniprogram/services) against the function's exported result types, checked
 * by `npm run typecheck`. The page cannot import from src (WeChat DevTools compiles miniprogram/ as
 * its own root), so its types are copies, and this file pins each copy to its original, both ways:
 * - every field the page names exists in the function's answer (a rename or removal on either side fails);
 * - the function's answer, as JSON, is assignable to what the page reads (a type change fails);
 * - the page's lists of names (error codes, statuses, reasons) equal the function's.
 * The `@ts-expect-error` lines at the end prove the checks catch what they are for.
 */
import type {
  AccountStatus as FunctionAccountStatus,
  AccountQuota,
  UnsupportedReason as FunctionUnsupportedReason,
} from '../../src/core/all-accounts';
import type { CourierReason as FunctionCourierReason } from '../../src/core/courier-reason';
import type { Envelope, WireError as FunctionWireError } from '../../src/core/envelope';
import type { ErrorCode as FunctionErrorCode } from '../../src/core/errors';
import type { ForbiddenReason as FunctionForbiddenReason } from '../../src/core/forbidden';
import type { Forecast } from '../../src/core/forecast';
import type { SingleQuota } from '../../src/core/single-quota';
import type { AccountsResult, BalancesEnvelope } from '../../src/function/handler';
import type { HistoryResult as FunctionHistory } from '../../src/function/history-request';
import type { ForecastResult } from '../../miniprogram/services/forecast-result';
import type { HistoryResult } from '../../miniprogram/services/history-result';
import type {
  AccountStatus,
  AllAccountsResult,
  Checked,
  CourierReason,
  ErrorCode,
  ForbiddenReason,
  QuotaSource,
  SingleResult,
  UnsupportedReason,
  WireError,
} from '../../miniprogram/services/quota-result';

/** What JSON.stringify makes of a value: a Date becomes its ISO string; functions and undefined are dropped. */
export type Json<T> = T extends Date
  ? string
  : T extends (...args: never[]) => unknown
    ? never
    : T extends readonly (infer Item)[]
      ? Json<Item>[]
      : T extends object
        ? { [K in keyof T as [Json<Exclude<T[K], undefined>>] extends [never] ? never : K]: Json<T[K]> }
        : T;

/** Every field path of T ("accounts.forecast.daysLeft"), through lists, optional fields and each member of a union. */
export type Paths<T> = T extends readonly (infer Item)[]
  ? Paths<Item>
  : T extends object
    ? { [K in keyof T & string]-?: K | `${K}.${Paths<Exclude<T[K], undefined | null>>}` }[keyof T & string]
    : never;

/** Fails to compile, naming the paths, when the page names a field the function's answer lacks. */
export function noneMissing<Missing extends never>(): Missing[] {
  return [];
}

/** Fails to compile, naming the field, when the function's answer (as JSON) is not what the page reads. */
export function fits<PageType, FunctionAnswer extends PageType>(answer?: FunctionAnswer): PageType | undefined {
  return answer;
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Fails to compile when two lists of names differ, in either direction. */
export function sameNames<A, B>(
  ...proof: Equal<A, B> extends true ? [] : [differ: { onlyFirst: Exclude<A, B>; onlySecond: Exclude<B, A> }]
): number {
  return proof.length;
}

// Every field the page reads is in the function's answer, under the same name, with a type the page accepts.
noneMissing<Exclude<Paths<AllAccountsResult>, Paths<Json<AccountsResult>>>>();
noneMissing<Exclude<Paths<SingleResult>, Paths<Json<SingleQuota>>>>();
noneMissing<Exclude<Paths<HistoryResult>, Paths<Json<FunctionHistory>>>>();
noneMissing<Exclude<Paths<ForecastResult>, Paths<Json<Forecast>>>>();
noneMissing<Exclude<Paths<WireError>, Paths<Json<FunctionWireError>>>>();
noneMissing<Exclude<Paths<CourierReason>, Paths<Json<FunctionCourierReason>>>>();
fits<AllAccountsResult, Json<AccountsResult>>();
fits<SingleResult, Json<SingleQuota>>();
fits<HistoryResult, Json<FunctionHistory>>();
fits<ForecastResult, Json<Forecast>>();
fits<WireError, Json<FunctionWireError>>();
fits<Checked<AllAccountsResult | SingleResult>, Json<BalancesEnvelope>>();
fits<Checked<HistoryResult>, Json<Envelope<FunctionHistory>>>();

// The names the page branches on are the function's names, no more and no fewer.
sameNames<ErrorCode, FunctionErrorCode>();
sameNames<AccountStatus, FunctionAccountStatus>();
sameNames<ForbiddenReason, FunctionForbiddenReason>();
sameNames<UnsupportedReason, FunctionUnsupportedReason>();
sameNames<QuotaSource, Exclude<AccountQuota['quotaSource'], null>>();

// The checks catch what they are for: each line below is a drift they must refuse.
type Renamed<T, From extends keyof T, To extends string> = Omit<T, From> & { [K in To]: T[From] };
// @ts-expect-error renaming lowThreshold in the function's answer, though the page treats it as optional
noneMissing<Exclude<Paths<AllAccountsResult>, Paths<Json<Renamed<AccountsResult, 'lowThreshold', 'threshold'>>>>>();
type ForecastFieldRenamed = Json<
  Omit<AccountsResult, 'accounts'> & {
    accounts: Array<Omit<AccountQuota, 'forecast'> & { forecast: Renamed<Forecast, 'daysLeft', 'days'> }>;
  }
>;
// @ts-expect-error renaming a forecast field, deep in each account
noneMissing<Exclude<Paths<AllAccountsResult>, Paths<ForecastFieldRenamed>>>();
// @ts-expect-error renaming an error field
noneMissing<Exclude<Paths<WireError>, Paths<Json<Renamed<FunctionWireError, 'errCode', 'errorCode'>>>>>();
// @ts-expect-error a field the page reads changing type
fits<SingleResult, Json<Omit<SingleQuota, 'quotaNum'> & { quotaNum: string }>>();
type FetchedAtAsDate = Json<Omit<SingleQuota, 'fetchedAt'> & { fetchedAt: Date }>;
type FetchedAtAsNumber = Omit<SingleResult, 'fetchedAt'> & { fetchedAt: number };
// A Date crosses the wire as its ISO string, which the page reads as one.
fits<SingleResult, FetchedAtAsDate>();
// @ts-expect-error but not as a number
fits<FetchedAtAsNumber, FetchedAtAsDate>();
// @ts-expect-error a field the page requires becoming optional on the function's side
fits<SingleResult, Json<Omit<SingleQuota, 'bizId'> & { bizId?: string }>>();
// @ts-expect-error a new error code the page has no sentence for
sameNames<ErrorCode, FunctionErrorCode | 'NEW_CODE'>();
// @ts-expect-error an error code the function no longer has
sameNames<ErrorCode, Exclude<FunctionErrorCode, 'INTERNAL'>>();
