import type { ChannelList, RobotTestResult } from './channels';
import type { Envelope, WireError } from './errors';
import type { AlertReport, HistoryKept } from './timer-run';

/* The function's answers on the wire, as the page, the CLI and the tests read them. */

/** getAllAccount's status_code, named. Only bound accounts have a balance to query. */
export const ACCOUNT_STATUS = { 0: 'bound', 1: 'reviewing', 2: 'failed', 3: 'unbound' } as const;
export type AccountStatus = (typeof ACCOUNT_STATUS)[keyof typeof ACCOUNT_STATUS] | 'unknown';

/** Where a balance comes from: queried now, the latest stored live reading, or getAllAccount's cached snapshot. */
export type QuotaSource = 'live' | 'stored' | 'snapshot';

export interface AccountQuota {
  deliveryId: string;
  deliveryName: string;
  bizId: string;
  alias: string;
  statusCode: number;
  status: AccountStatus;
  /**
   * The balance to show: live from getQuota; stored, the latest live balance kept in the history, when
   * this invocation had no time to query it; or the getAllAccount snapshot when the live query failed.
   */
  quotaNum: number | null;
  quotaSource: QuotaSource | null;
  /** When `quotaNum` was true (ISO 8601): the fetch time when live or stored, the snapshot's time when a snapshot. */
  quotaUpdatedAt: string | null;
  /** Why the live balance is missing, for a bound account whose query failed. */
  error?: WireError;
}

/** Why an account is listed but never queried. */
export type UnsupportedReason =
  /** Its courier bills per parcel (direct-operated couriers such as SF, EMS, JDL): there is no quota. */
  | 'no-quota'
  /** getAllDelivery does not list its courier, so whether it has a quota is unknown. */
  | 'courier-unlisted';

/** An account that is listed but never queried, and why. */
export interface UnsupportedAccount {
  deliveryId: string;
  deliveryName: string;
  bizId: string;
  alias: string;
  reason: UnsupportedReason;
}

export interface AllAccounts {
  accounts: AccountQuota[];
  unsupported: UnsupportedAccount[];
  fetchedAt: string;
}

/** When an account runs out, as forecast from its balance history. */
export interface Forecast {
  /** Waybills a day, averaged over the projected week; null below the minimum history. */
  dailyUsage: number | null;
  /** Days from now until the balance reaches 0; 0 when empty; null below the minimum history or with no usage. */
  daysLeft: number | null;
  /** Now plus `daysLeft`, ISO 8601; null exactly when `daysLeft` is. */
  runsOutAt: string | null;
  /** Hours between the first and the last reading used. */
  basedOnHours: number;
}

export type ForecastedAccount = AccountQuota & { forecast: Forecast };

/** The answer to one account's `{ deliveryId, bizId }`. */
export interface SingleQuota {
  deliveryId: string;
  bizId: string;
  quotaNum: number;
  /** When the balance was read from WeChat (ISO 8601). */
  fetchedAt: string;
}

/** One live balance reading the function kept. */
export interface HistoryPoint {
  at: string;
  quotaNum: number;
}

/** The answer to `{ "history": { deliveryId, bizId, days } }`. */
export interface HistoryResult {
  deliveryId: string;
  bizId: string;
  days: number;
  /** Live readings, oldest first. */
  points: HistoryPoint[];
  forecast: Forecast;
  /** Accounts that run out in fewer days than this are marked. */
  alertDays: number;
}

/** What the last timer run did, as `{ "all": true }` answers it for the page. */
export interface TimerStatus {
  lastRunAt: string;
  ok: boolean;
  durationMs: number;
  /** Accounts listed, and those read live this run. */
  accounts: number;
  live: number;
  alertsSent: number;
  robotsSent: number;
  /** Why nothing was sent although something is low (deferred, held by another run), or ''. */
  alertNote: string;
  /** The run's failure, when it failed: its stable code and message. */
  failure: { code: string; message: string } | null;
  everyMinutes: number;
}

/** The all-accounts answer, with what the page needs to show the alert settings in use. */
export interface AccountsResult extends Omit<AllAccounts, 'accounts'> {
  accounts: ForecastedAccount[];
  lowThreshold: number;
  /** QUOTA_ALERT_DAYS: an account whose forecast runs out in fewer days than this is low. */
  alertDays: number;
  /** The subscribe-message template the alerts use, for the page's subscribe button; null when alerts are off. */
  alertTemplateId: string | null;
  /** The group robots of QUOTA_ALERT_WEBHOOKS, masked, and its entries that are not robot addresses. */
  alertChannels: ChannelList;
  /**
   * A page's answer: what the last timer run did (null when none ever ran); absent when it could not be
   * read in time. The page warns when it is older than twice the trigger's interval.
   */
  timer?: TimerStatus | null;
  /** Present when an alert-only setting is wrong: the balances still answer, and the page tells the admin. */
  alertConfigError?: { variable: string; message: string };
  /** Present for a timer run: what was alerted, sent, failed, unknown and deferred. */
  alerts?: AlertReport;
  /** Present for a timer run: the live readings stored, those that were not (and why), the forecasts recomputed. */
  history?: HistoryKept;
}

export type QuotaResult = SingleQuota | AccountsResult | HistoryResult | RobotTestResult;
/** What a balance request (one account or all), never a history request, answers with. */
export type BalancesData = SingleQuota | AccountsResult;
export type QuotaEnvelope = Envelope<QuotaResult>;
export type BalancesEnvelope = Envelope<BalancesData>;
