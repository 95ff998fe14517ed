import { logFailure } from '../../core/log-failure';
import type { CallContext } from '../../core/wechat/openapi-call';
import type { RunBudget } from '../../core/run-budget';
import type { BalanceHistory, HistorySnapshot, MaintenanceOptions, MaintenanceResult } from '../balance-history';
import { HISTORY } from '../balances';

/** What can wait, once the balances and the alerts are done: never thrown, never past the budget. */
export async function maintain(
  context: CallContext,
  history: BalanceHistory,
  snapshot: HistorySnapshot,
  budget: RunBudget,
  options: MaintenanceOptions,
): Promise<MaintenanceResult> {
  try {
    return await budget.abandonAtDeadline(history.maintain(snapshot, budget, options), HISTORY);
  } catch (raw) {
    logFailure(context.log, 'info', 'balance history: maintenance not done; next time', raw);
    return { profiles: new Map(), pruned: 0, moved: 0 };
  }
}
