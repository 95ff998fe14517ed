import type { BalanceHistory } from '../../src/function/balance-history';

/** A balance history that keeps nothing: these benchmarks time the handler, not the store. */
export const emptyHistory: BalanceHistory = {
  record: async () => undefined,
  load: async () => ({ points: new Map(), revisions: new Map() }),
  read: async () => new Map(),
  latest: async () => new Map(),
};
