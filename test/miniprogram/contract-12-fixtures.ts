/**
 * Answers shaped by the issue 12 contract (/work/wt/CONTRACT-12.md) that the function on this branch
 * does not give yet: the `{ history }` event. The forecast in them is the real core's (src/core/forecast.ts).
 * Replaced by the real handler (answeredByFunction with a planted history) once the function side lands.
 */
import type { BalancePoint } from '../../src/core/balance-points';
import { forecast } from '../../src/core/forecast';
import type { CallFunction } from '../../miniprogram/services/quota-service';

export interface HistoryFixture {
  points: readonly BalancePoint[];
  /** The function's clock when it answers. */
  now: number;
  alertDays?: number;
}

/** The `{ ok: true, data }` the function would answer to `{ history }` for these readings. */
export function historyEnvelope(request: Record<string, unknown>, fixture: HistoryFixture): unknown {
  const { deliveryId, bizId, days = 30 } = request as { deliveryId: string; bizId: string; days?: number };
  return {
    ok: true,
    data: {
      deliveryId,
      bizId,
      days,
      points: fixture.points.map((point) => ({ at: new Date(point.at).toISOString(), quotaNum: point.quotaNum })),
      forecast: forecast(fixture.points, fixture.now),
      alertDays: fixture.alertDays ?? 3,
    },
  };
}

/** wx.cloud.callFunction answering `{ history }` from the fixture. */
export function historyAnsweredBy(fixture: HistoryFixture): CallFunction {
  return async ({ data }) => ({ result: historyEnvelope(data.history as Record<string, unknown>, fixture) });
}
