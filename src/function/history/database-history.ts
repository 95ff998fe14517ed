import { logFailure } from '../../core/log-failure';
import { accountKey } from '../../core/accounts/account-key';
import { DAY_MS } from '../../core/forecast/balance-points';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { RunBudget } from '../../core/run-budget';
import { HISTORY_DAYS } from '../../core/forecast/thin-history';
import type { BalanceHistory } from '../balance-history';
import { budgetedDatabase } from '../budgeted-database';
import { collectionAccess, type Database } from '../database';
import { readShardPoints } from './account-points';
import { chinaDay } from './layout';
import { HISTORY_COLLECTION } from '../../contract/values';
import { moveLegacy } from './move-legacy';
import { readSnapshot } from './read-snapshot';
import { recordReadings } from './record-readings';
import { refreshProfiles } from './refresh-profiles';

/** The balance history in the cloud database's `quota_history` (see layout.ts), every call held to the invocation's budget. */
export function createDatabaseHistory(
  openDatabase: () => Database,
  clock: Pick<Clock, 'now'>,
  log: Logger,
): BalanceHistory {
  const accessWithin = (budget: RunBudget) =>
    collectionAccess(() => budgetedDatabase(openDatabase, budget), HISTORY_COLLECTION);
  return {
    snapshot: (accounts, budget) => readSnapshot(accessWithin(budget), accounts, clock.now(), log),
    record: (readings, snapshot, budget) => recordReadings(accessWithin(budget), readings, snapshot, clock.now(), log),
    async points(account, sinceMs, budget) {
      const found = await readShardPoints(accessWithin(budget), [account], sinceMs, clock.now(), log);
      return found.get(accountKey(account)) ?? [];
    },
    async maintain(snapshot, budget, options) {
      const access = accessWithin(budget);
      const now = clock.now();
      const moved = await moveLegacy(access, snapshot, now, log);
      const profiles = await refreshProfiles(access, snapshot, options, now, log);
      let pruned = 0;
      if (options.prune) {
        try {
          const oldest = chinaDay(now - HISTORY_DAYS * DAY_MS);
          const answer = await access.read(
            (collection) => collection.where({ day: access.command.lt(oldest) }).remove(),
            { stats: { removed: 0 } },
          );
          pruned = answer.stats?.removed ?? 0;
        } catch (raw) {
          logFailure(log, 'info', 'balance history: expired day records not removed; next time', raw);
        }
      }
      return { profiles, pruned, moved };
    },
  };
}
