import type { BalancePoint } from '../core/balance-points';
import { thinHistory } from '../core/thin-history';
import {
  historyKey,
  type AccountRef,
  type BalanceHistory,
  type BalanceReading,
  type StoredHistory,
} from '../function/balance-history';

/** Balance history in a Map, thinned like the real one, for in-process runs (tests, the scale benchmark); `fail` makes every call reject. */
export class MapBalanceHistory implements BalanceHistory {
  readonly points = new Map<string, BalancePoint[]>();
  readonly calls: string[] = [];
  fail: unknown = undefined;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Puts readings straight into the store, as earlier runs would have. */
  plant(account: AccountRef, points: readonly BalancePoint[]): void {
    this.points.set(
      historyKey(account),
      thinHistory([...(this.points.get(historyKey(account)) ?? []), ...points], this.now()).keep.sort(
        (a, b) => a.at - b.at,
      ),
    );
  }

  async record(readings: readonly BalanceReading[]): Promise<void> {
    this.check('record');
    for (const reading of readings) this.plant(reading, [{ at: reading.at, quotaNum: reading.quotaNum }]);
  }

  async load(accounts: readonly AccountRef[]): Promise<StoredHistory> {
    this.check('load');
    const points = new Map<string, BalancePoint[]>();
    for (const account of accounts) {
      const stored = this.points.get(historyKey(account));
      if (stored && stored.length > 0) points.set(historyKey(account), [...stored]);
    }
    return { points, revisions: new Map(accounts.map((account) => [historyKey(account), 0])) };
  }

  async read(accounts: readonly AccountRef[], sinceMs: number): Promise<Map<string, BalancePoint[]>> {
    this.check('read');
    const found = new Map<string, BalancePoint[]>();
    for (const account of accounts) {
      const points = (this.points.get(historyKey(account)) ?? []).filter((point) => point.at >= sinceMs);
      if (points.length > 0) found.set(historyKey(account), points);
    }
    return found;
  }

  async latest(accounts: readonly AccountRef[]): Promise<Map<string, BalancePoint>> {
    this.check('latest');
    const found = new Map<string, BalancePoint>();
    for (const account of accounts) {
      const last = this.points.get(historyKey(account))?.at(-1);
      if (last) found.set(historyKey(account), last);
    }
    return found;
  }

  private check(call: string): void {
    this.calls.push(call);
    if (this.fail !== undefined) throw this.fail;
  }
}
