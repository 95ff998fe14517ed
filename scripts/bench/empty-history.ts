import { EMPTY_SNAPSHOT, type BalanceHistory } from '../../src/function/balance-history';

/** A balance history that keeps nothing: these benchmarks time the handler, not the store. */
export const emptyHistory: BalanceHistory = {
  snapshot: async () => EMPTY_SNAPSHOT,
  record: async () => ({ kept: 0, notKept: [] }),
  points: async () => [],
  maintain: async () => ({ profiles: new Map(), pruned: 0, moved: 0 }),
};
