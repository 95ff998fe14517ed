import { isAmount, isRecord, isTime, type Reader } from './wire-checks';

/** When an account runs out, as the function forecasts it from its balance history (src/core/forecast.ts). */
export interface ForecastResult {
  /** Waybills a day lately; null with less than a day of history. */
  dailyUsage: number | null;
  /** Days until the balance reaches 0; null with too little history, no usage, or more than ten years. */
  daysLeft: number | null;
  /** The run-out moment (ISO 8601); null exactly when daysLeft is. */
  runsOutAt: string | null;
  /** Hours of history the figures come from. */
  basedOnHours: number;
}

export const readForecast: Reader<ForecastResult> = (value) => {
  if (!isRecord(value)) return undefined;
  const { dailyUsage, daysLeft, runsOutAt, basedOnHours } = value;
  if (dailyUsage !== null && !isAmount(dailyUsage)) return undefined;
  if (daysLeft !== null && !isAmount(daysLeft)) return undefined;
  if (runsOutAt !== null && !isTime(runsOutAt)) return undefined;
  if ((daysLeft === null) !== (runsOutAt === null) || !isAmount(basedOnHours)) return undefined;
  return { dailyUsage, daysLeft, runsOutAt, basedOnHours };
};
