import type { HistoryPoint, HistoryResult } from '../contract/answers';
import { readForecast } from './forecast-result';
import { isAmount, isInteger, isRecord, isString, isTime, readList, type Reader } from './wire-checks';

const readPoint: Reader<HistoryPoint> = (value) => {
  if (!isRecord(value) || !isTime(value.at) || !isInteger(value.quotaNum)) return undefined;
  return { at: value.at, quotaNum: value.quotaNum };
};

export const readHistory: Reader<HistoryResult> = (value) => {
  if (
    !isRecord(value) ||
    !isString(value.deliveryId) ||
    !isString(value.bizId) ||
    !isInteger(value.days) ||
    !isAmount(value.alertDays)
  )
    return undefined;
  const points = readList(value.points, readPoint);
  const forecast = readForecast(value.forecast);
  if (!points || !forecast) return undefined;
  return {
    deliveryId: value.deliveryId,
    bizId: value.bizId,
    days: value.days,
    points,
    forecast,
    alertDays: value.alertDays,
  };
};
