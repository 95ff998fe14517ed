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
 * Where live balances are kept between invocations, for the run-out forecast and the stored fallback.
 * Only live readings go in (never getAllAccount's snapshots). Failures are thrown: the caller decides
 * that a balance answer never fails because of its history.
 */
export interface BalanceHistory {
  /** Adds the readings, then thins each touched account's history (see thinHistory). */
  record(readings: readonly BalanceReading[]): Promise<void>;
  /** The readings of each account since `sinceMs`, oldest first, by historyKey; accounts without history are absent. */
  read(accounts: readonly AccountRef[], sinceMs: number): Promise<Map<string, BalancePoint[]>>;
  /** The latest reading of each account, by historyKey: a small read, for planning and the stored fallback. */
  latest(accounts: readonly AccountRef[]): Promise<Map<string, BalancePoint>>;
}

/** The key of an account in the history: the alert memory's shape, so a bizId with any character fits an _id. */
export function historyKey(account: AccountRef): string {
  return `${account.deliveryId}:${encodeURIComponent(account.bizId)}`;
}
