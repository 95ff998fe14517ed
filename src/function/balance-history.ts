import type { BalancePoint } from '../core/balance-points';

/** One live reading of an account's balance, as the history stores it. */
export interface BalanceReading extends BalancePoint {
  deliveryId: string;
  bizId: string;
}

export interface AccountRef {
  deliveryId: string;
  bizId: string;
}

/**
 * How an account's stored history stood when read, for writing on top of it without reading it again:
 * its revision (a write succeeds only if it is still the stored one; 0 for a document from before revisions),
 * `absent`, or `foreign` (a document that cannot be ours, replaced by the next write).
 */
export type StoredRevision = number | 'absent' | 'foreign';

/** One read of some accounts' whole stored histories. */
export interface StoredHistory {
  /** Every kept reading of each account with any, oldest first, by historyKey. */
  points: ReadonlyMap<string, readonly BalancePoint[]>;
  /** Every account read, by historyKey: what record() builds on. An account missing here was not read. */
  revisions: ReadonlyMap<string, StoredRevision>;
}

export interface RecordOptions {
  /** What this invocation already read: record() reads again only the accounts it lacks. */
  stored?: StoredHistory;
  /** No database call starts unless it can finish before this. */
  deadline?: number;
}

/**
 * Where live balances are kept between invocations, for the run-out forecast and the stored fallback.
 * Only live readings go in (never getAllAccount's snapshots). Failures are thrown: the caller decides
 * that a balance answer never fails because of its history.
 */
export interface BalanceHistory {
  /**
   * Adds the readings, then thins each touched account's history (see thinHistory). Two invocations
   * recording the same account at once both keep their readings.
   */
  record(readings: readonly BalanceReading[], options?: RecordOptions): Promise<void>;
  /** The accounts' whole stored histories, in one read: the forecast's input, and record()'s. */
  load(accounts: readonly AccountRef[]): Promise<StoredHistory>;
  /** The readings of each account since `sinceMs`, oldest first, by historyKey; accounts without history are absent. */
  read(accounts: readonly AccountRef[], sinceMs: number): Promise<Map<string, BalancePoint[]>>;
  /** The latest reading of each account, by historyKey: a small read, for planning and the stored fallback. */
  latest(accounts: readonly AccountRef[]): Promise<Map<string, BalancePoint>>;
}

/** The key of an account in the history: the alert memory's shape, so a bizId with any character fits an _id. */
export function historyKey(account: AccountRef): string {
  return `${account.deliveryId}:${encodeURIComponent(account.bizId)}`;
}
