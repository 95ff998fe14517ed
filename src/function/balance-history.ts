import type { BalancePoint } from '../core/forecast/balance-points';
import type { UsageProfile } from '../core/forecast/forecast';
import type { RunBudget } from '../core/run-budget';

/** One live reading of an account's balance, as the history stores it. */
export interface BalanceReading extends BalancePoint {
  deliveryId: string;
  bizId: string;
}

export interface AccountRef {
  deliveryId: string;
  bizId: string;
}

/** What a page of every account needs of one account's history: a few hundred bytes, however long the history. */
export interface AccountSummary {
  /** The latest readings, oldest first: the last one is the latest stored balance. */
  recent: readonly BalancePoint[];
  /** What the forecast learnt from the whole history when it was last computed. */
  profile?: UsageProfile;
}

/** A first-release document read whole, to be moved to the current layout. */
export interface LegacyHistory {
  account: AccountRef;
  id: string;
  /** Its `rev`, or null for a document from before revisions: it is removed only if still at it. */
  rev: number | null;
  points: readonly BalancePoint[];
  profile: UsageProfile;
  /** The account has readings in the current layout already: its latest balance is newer than these points. */
  hasSummary: boolean;
}

/** One small read of the history of the listed accounts: what the balances and forecasts need. */
export interface HistorySnapshot {
  /** Whether the history was read: without it, what exists is unknown. */
  read: boolean;
  /** The accounts read, by accountKey. */
  accounts: ReadonlyMap<string, AccountRef>;
  /** By accountKey; an account without any stored reading is absent. */
  summaries: ReadonlyMap<string, AccountSummary>;
  /** Summary documents by shard: found and ours, or found but written by someone else; absent when not found. */
  shards: ReadonlyMap<string, 'ours' | 'foreign'>;
  /** First-release documents read whole this invocation, moved to the current layout by maintain(). */
  migrating: readonly LegacyHistory[];
  /** Whether first-release documents may be left: the next invocation looks for them again. */
  legacyLeft: boolean;
  /** None is left and nothing says so yet: maintain() writes the layout's marker, so later reads stop looking. */
  markLayout: boolean;
}

export const EMPTY_SNAPSHOT: HistorySnapshot = {
  read: false,
  accounts: new Map(),
  summaries: new Map(),
  shards: new Map(),
  migrating: [],
  legacyLeft: false,
  markLayout: false,
};

/** What became of an invocation's readings: every account whose reading was not stored is named. */
export interface RecordResult {
  kept: number;
  notKept: Array<AccountRef & { reason: string }>;
}

export interface MaintenanceResult {
  /** Usage profiles recomputed from the whole history, by accountKey. */
  profiles: ReadonlyMap<string, UsageProfile>;
  /** Day records older than the history keeps, removed. */
  pruned: number;
  /** First-release documents moved to the current layout. */
  moved: number;
}

export interface MaintenanceOptions {
  /** Usage profiles to recompute at most. */
  profiles: number;
  /** Only profiles the forecast lacks (none yet, or a day of history gathered since): a page's share; a timer also refreshes old ones. */
  firstOnly?: boolean;
  /** Remove day records older than the history keeps (a timer's job). */
  prune: boolean;
}

/**
 * Where live balances are kept between invocations, for the run-out forecast and the stored fallback.
 * Only live readings go in (never getAllAccount's snapshots). Every database call starts only if it
 * fits the budget. Reads throw on failure: the caller decides that a balance never fails because of
 * its history; writes report per account what they could not store.
 */
export interface BalanceHistory {
  snapshot(accounts: readonly AccountRef[], budget: RunBudget): Promise<HistorySnapshot>;
  /** Appends the readings; two invocations recording at once both keep theirs. */
  record(readings: readonly BalanceReading[], snapshot: HistorySnapshot, budget: RunBudget): Promise<RecordResult>;
  /** One account's readings since `sinceMs`, oldest first. */
  points(account: AccountRef, sinceMs: number, budget: RunBudget): Promise<BalancePoint[]>;
  /** What can wait: moves the snapshot's first-release documents, recomputes the stalest usage profiles, removes expired day records. */
  maintain(snapshot: HistorySnapshot, budget: RunBudget, options: MaintenanceOptions): Promise<MaintenanceResult>;
}
