import { DAY_MS } from '../core/forecast/balance-points';
import type { CallContext } from '../core/wechat/openapi-call';
import { QuotaError } from '../core/errors/errors';
import { ErrorCode } from '../contract/errors';
import { forecast, FORECAST_WINDOW_DAYS } from '../core/forecast/forecast';
import type { HistoryResult } from '../contract/answers';
import type { RunBudget } from '../core/run-budget';
import { logFailure } from '../core/log-failure';
import type { BalanceHistory } from './balance-history';

/** One account's stored readings of the last `days` days and its forecast (which looks back its own four weeks). */
export async function fetchHistory(
  context: Pick<CallContext, 'clock' | 'deadline' | 'log'>,
  history: BalanceHistory,
  budget: RunBudget,
  request: { deliveryId: string; bizId: string; days: number },
  alertDays: number,
): Promise<HistoryResult> {
  const now = context.clock.now();
  const account = { deliveryId: request.deliveryId, bizId: request.bizId };
  const since = now - Math.max(request.days, FORECAST_WINDOW_DAYS) * DAY_MS;
  let stored;
  try {
    stored = await budget.abandonAtDeadline(history.points(account, since, budget), 'the balance history');
  } catch (raw) {
    const cause = logFailure(context.log, 'warn', 'balance history not read', raw);
    throw new QuotaError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `The balance history could not be read (${cause.message}). Try again shortly.`,
      { cause, errCode: cause.errCode },
    );
  }
  const shown = stored.filter((point) => point.at >= now - request.days * DAY_MS);
  return {
    ...account,
    days: request.days,
    points: shown.map((point) => ({ at: new Date(point.at).toISOString(), quotaNum: point.quotaNum })),
    forecast: forecast(stored, now),
    alertDays,
  };
}
