import type { AccountResult } from '../../miniprogram/services/quota-result';

/** A forecast with no usage known yet. */
export const NO_FORECAST: AccountResult['forecast'] = {
  dailyUsage: null,
  daysLeft: null,
  runsOutAt: null,
  basedOnHours: 0,
};

/** One account of an `{ "all": true }` answer as the page reads it: YTO's xyz with 210 left, read live, unless `extra` says otherwise. */
export function accountResult(extra: Partial<AccountResult> = {}): AccountResult {
  return {
    deliveryId: 'YTO',
    deliveryName: '圆通速递',
    bizId: 'xyz',
    alias: '',
    statusCode: 0,
    status: 'bound',
    quotaNum: 210,
    quotaSource: 'live',
    quotaUpdatedAt: '2026-11-29T01:00:00.000Z',
    forecast: NO_FORECAST,
    ...extra,
  };
}
