import { DAY_MS, HOUR_MS, type BalancePoint } from '../../src/core/forecast/balance-points';
import { CHINA_UTC_OFFSET_MS, weekday } from '../../src/core/forecast/china-calendar';

/** The kinds of account history the forecast is measured on. */
export const SCENARIOS = [
  'steady',
  'weekly rhythm',
  'recharges and missed runs',
  'noise and one-off spikes',
  'sudden surge',
  'new account',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface SyntheticSeries {
  points: BalancePoint[];
  now: number;
  /** When the balance really reaches 0, in days from `now`: the generating process continued, without top-ups. */
  truthDaysLeft: number;
}

const HISTORY_DAYS = 28;
const TRUTH_MAX_DAYS = 400;
/** Mon–Fri busy, Saturday slower, Sunday slowest (index 0 = Sunday); averages 1. */
const WEEKLY = normalize([0.35, 1.15, 1.15, 1.15, 1.15, 1.15, 0.75]);
/** Waybills are printed in working hours (China time), a little in the evening, hardly at night. */
const DAILY = normalize(
  Array.from({ length: 24 }, (_, hour) => (hour >= 9 && hour < 18 ? 1 : hour >= 18 && hour < 22 ? 0.3 : 0.05)),
);

function normalize(weights: number[]): number[] {
  const mean = weights.reduce((sum, weight) => sum + weight, 0) / weights.length;
  return weights.map((weight) => weight / mean);
}

/** mulberry32: a small seeded generator, so every run measures the same series. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(mean: number, random: () => number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random(); product > limit; product *= random()) count += 1;
  return count;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * One account's hourly readings up to `now` and the truth after it. Usage is generated hour by hour
 * (the past, then the future from the same stream); balances are walked back from today's, with
 * top-ups where the merchant recharged; the truth is when the future usage exhausts today's balance.
 */
export function syntheticSeries(scenario: Scenario, seed: number): SyntheticSeries {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const now = Date.UTC(2026, 2, 2) + Math.floor(between(0, 7 * 24)) * HOUR_MS;
  const historyHours = scenario === 'new account' ? Math.floor(between(30, 72)) : HISTORY_DAYS * 24;
  const baseDaily = between(20, 400);
  const rhythm = scenario !== 'steady';
  const surgeFrom = scenario === 'sudden surge' ? now - between(1, 6) * DAY_MS : Number.POSITIVE_INFINITY;
  const surge = 2.5;
  const dayNoise = new Map<number, number>();

  const hourUsage = (start: number): number => {
    if (!rhythm) return baseDaily / 24;
    const day = Math.floor((start + CHINA_UTC_OFFSET_MS) / DAY_MS);
    if (scenario === 'noise and one-off spikes' && !dayNoise.has(day))
      dayNoise.set(day, Math.exp(0.3 * gaussian(random)));
    const hourOfDay = new Date(start + CHINA_UTC_OFFSET_MS).getUTCHours();
    const mean =
      (baseDaily / 24) *
      (WEEKLY[weekday(start)] as number) *
      (DAILY[hourOfDay] as number) *
      (dayNoise.get(day) ?? 1) *
      (start >= surgeFrom ? surge : 1);
    // A one-off bulk order: up to three days' shipping in one hour, in the past only.
    const spike =
      scenario === 'noise and one-off spikes' && start < now && random() < 1 / (10 * 24) ? 3 * baseDaily : 0;
    return poisson(mean, random) + Math.round(spike);
  };

  const past = Array.from({ length: historyHours }, (_, index) => hourUsage(now - (historyHours - index) * HOUR_MS));
  const currentDaily = baseDaily * (now >= surgeFrom ? surge : 1);
  const balanceNow = Math.max(1, Math.round(currentDaily * between(1, 20)));

  let truthDaysLeft = TRUTH_MAX_DAYS;
  let left = balanceNow;
  for (let hour = 0; hour < TRUTH_MAX_DAYS * 24; hour += 1) {
    const used = hourUsage(now + hour * HOUR_MS);
    if (used >= left) {
      truthDaysLeft = (hour + left / used) / 24;
      break;
    }
    left -= used;
  }

  const recharging = scenario === 'recharges and missed runs';
  const balances = [balanceNow];
  let balance = balanceNow;
  for (let index = historyHours - 1; index >= 0; index -= 1) {
    balance += past[index] as number;
    // Merchants top up when running low: before a top-up the balance was a fraction of after.
    if (recharging && random() < 1 / (5 * 24)) balance = Math.round(balance * between(0.05, 0.3));
    balances.unshift(balance);
  }
  const outage = recharging ? Math.floor(between(0, historyHours - 24)) : -1;
  const points = balances
    .map((quotaNum, index) => ({ at: now - (historyHours - index) * HOUR_MS, quotaNum: Math.round(quotaNum) }))
    .filter(
      (_, index) =>
        index === historyHours || !recharging || (random() > 0.1 && (index < outage || index >= outage + 12)),
    );
  return { points, now, truthDaysLeft };
}
