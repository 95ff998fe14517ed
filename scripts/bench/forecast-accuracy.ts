import path from 'node:path';
import { DAY_MS, type BalancePoint } from '../../src/core/balance-points';
import { forecast } from '../../src/core/forecast';
import { median, table } from './stats';
import { SCENARIOS, syntheticSeries, type Scenario } from './synthetic-balances';

export const SERIES_PER_SCENARIO = 200;

/** The naive estimate: the rate between the last two readings. Null when they show no drop. */
export function naiveDaysLeft(points: readonly BalancePoint[], now: number): number | null {
  const last = points[points.length - 1];
  const before = points[points.length - 2];
  if (!last || !before) return null;
  const perDay = ((before.quotaNum - last.quotaNum) / (last.at - before.at)) * DAY_MS;
  if (!(perDay > 0)) return null;
  return Math.max(0, last.quotaNum / perDay - (now - last.at) / DAY_MS);
}

interface Errors {
  absolute: number[];
  late: number;
  unanswered: number;
}

function score(errors: Errors, estimate: number | null, truth: number): void {
  if (estimate === null) {
    errors.unanswered += 1;
    return;
  }
  errors.absolute.push(Math.abs(estimate - truth));
  if (estimate - truth > 1) errors.late += 1;
}

const days = (value: number) => `${value.toFixed(2)} d`;
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const share = (count: number, total: number) => `${Math.round((100 * count) / total)} %`;

/** Mean absolute error of daysLeft per scenario, the forecast side by side with the naive estimate. */
export function measureForecastAccuracy(seriesPerScenario = SERIES_PER_SCENARIO): { markdown: string; overall: { ours: number; naive: number } } {
  const rows: string[][] = [];
  const all = { ours: [] as number[], naive: [] as number[] };
  SCENARIOS.forEach((scenario: Scenario, scenarioIndex) => {
    const ours: Errors = { absolute: [], late: 0, unanswered: 0 };
    const naive: Errors = { absolute: [], late: 0, unanswered: 0 };
    const truths: number[] = [];
    for (let index = 0; index < seriesPerScenario; index += 1) {
      const series = syntheticSeries(scenario, 1000 * (scenarioIndex + 1) + index);
      truths.push(series.truthDaysLeft);
      score(ours, forecast(series.points, series.now).daysLeft, series.truthDaysLeft);
      score(naive, naiveDaysLeft(series.points, series.now), series.truthDaysLeft);
    }
    all.ours.push(...ours.absolute);
    all.naive.push(...naive.absolute);
    rows.push([
      scenario,
      days(median(truths)),
      `**${days(mean(ours.absolute))}**`,
      days(mean(naive.absolute)),
      `${(mean(ours.absolute) / mean(naive.absolute)).toFixed(2)}×`,
      `${days(median(ours.absolute))} / ${days(median(naive.absolute))}`,
      `${share(ours.late, seriesPerScenario)} / ${share(naive.late, seriesPerScenario)}`,
      `${share(ours.unanswered, seriesPerScenario)} / ${share(naive.unanswered, seriesPerScenario)}`,
    ]);
  });
  const overall = { ours: mean(all.ours), naive: mean(all.naive) };
  rows.push(['**all**', '', `**${days(overall.ours)}**`, days(overall.naive), `${(overall.ours / overall.naive).toFixed(2)}×`, '', '', '']);
  const markdown = table(
    ['series', 'true days left (median)', 'forecast MAE', 'naive MAE', 'forecast ÷ naive', 'median error, forecast / naive', 'over 1 day late, forecast / naive', 'no answer, forecast / naive'],
    rows,
  );
  return { markdown, overall };
}

// Alone (`npx tsx scripts/bench/forecast-accuracy.ts`): prints this section's table in about two seconds.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) process.stdout.write(`${measureForecastAccuracy().markdown}\n`);
