import type { Forecast } from '../contract/answers';
import { isAmount, isRecord, isTime, type Reader } from './wire-checks';

export const readForecast: Reader<Forecast> = (value) => {
  if (!isRecord(value)) return undefined;
  const { dailyUsage, daysLeft, runsOutAt, basedOnHours } = value;
  if (dailyUsage !== null && !isAmount(dailyUsage)) return undefined;
  if (daysLeft !== null && !isAmount(daysLeft)) return undefined;
  if (runsOutAt !== null && !isTime(runsOutAt)) return undefined;
  if ((daysLeft === null) !== (runsOutAt === null) || !isAmount(basedOnHours)) return undefined;
  return { dailyUsage, daysLeft, runsOutAt, basedOnHours };
};
