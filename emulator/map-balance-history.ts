import { accountKey } from '../src/core/accounts/account-key';
import type { BalancePoint } from '../src/core/forecast/balance-points';
import { usageProfile } from '../src/core/forecast/forecast';
import { thinHistory } from '../src/core/forecast/thin-history';
import { RECENT_READINGS } from '../src/function/history/layout';
import type {
  AccountRef,
  AccountSummary,
  BalanceHistory,
  BalanceReading,
  HistorySnapshot,
  RecordResult,
} from '../src/function/balance-history';

/**
 * Balance history in a Map, thinned like the real one, for in-process runs (tests, the scale
 * benchmark): every snapshot carries a profile computed from the whole history, as if just
 * recomputed. `fail` makes every call reject.
 */
export class MapBalanceHistory implements BalanceHistory {
  readonly stored = new Map<string, BalancePoint[]>();
  readonly calls: string[] = [];
  fail: unknown = undefined;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The stored readings of an account, oldest first. */
  pointsOf(account: AccountRef): BalancePoint[] {
    return [...(this.stored.get(accountKey(account)) ?? [])];
  }

  /** Puts readings straight into the store, as earlier runs would have. */
  plant(account: AccountRef, points: readonly BalancePoint[]): void {
    const key = accountKey(account);
    const kept = thinHistory([...(this.stored.get(key) ?? []), ...points], this.now()).keep;
    this.stored.set(
      key,
      kept.sort((a, b) => a.at - b.at),
    );
  }

  async snapshot(accounts: readonly AccountRef[]): Promise<HistorySnapshot> {
    this.check('snapshot');
    const summaries = new Map<string, AccountSummary>();
    for (const account of accounts) {
      const points = this.pointsOf(account);
      if (points.length > 0)
        summaries.set(accountKey(account), {
          recent: points.slice(-RECENT_READINGS),
          profile: usageProfile(points, this.now()),
        });
    }
    return {
      read: true,
      accounts: new Map(accounts.map((account) => [accountKey(account), account])),
      summaries,
      shards: new Map(),
      migrating: [],
      legacyLeft: false,
      markLayout: false,
    };
  }

  async record(readings: readonly BalanceReading[]): Promise<RecordResult> {
    this.check('record');
    for (const reading of readings) this.plant(reading, [{ at: reading.at, quotaNum: reading.quotaNum }]);
    return { kept: new Set(readings.map(accountKey)).size, notKept: [] };
  }

  async points(account: AccountRef, sinceMs: number): Promise<BalancePoint[]> {
    this.check('points');
    return this.pointsOf(account).filter((point) => point.at >= sinceMs);
  }

  async maintain() {
    this.check('maintain');
    return { profiles: new Map(), pruned: 0, moved: 0 };
  }

  private check(call: string): void {
    this.calls.push(call);
    if (this.fail !== undefined) throw this.fail;
  }
}
