import type { WireError } from './envelope';

/* Every account at once, as the function, the CLI and the page read it. */

/** getAllAccount's status_code, named. Only bound accounts have a balance to query. */
export const ACCOUNT_STATUS = { 0: 'bound', 1: 'reviewing', 2: 'failed', 3: 'unbound' } as const;
export type AccountStatus = (typeof ACCOUNT_STATUS)[keyof typeof ACCOUNT_STATUS] | 'unknown';

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
  quotaSource: 'live' | 'stored' | 'snapshot' | null;
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
