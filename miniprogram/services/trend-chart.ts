import type { HistoryPoint } from '../contract/answers';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** At most this many columns, about 6 rpx each across a phone: enough for a 30-day saw-tooth. */
export const MAX_COLUMNS = 120;
/** A run-out further ahead than this is named at the chart's right edge rather than drawn, so the history keeps its width. */
export const PROJECTION_MAX_DAYS = 14;
/** Only the largest top-ups get a +N label, so labels do not pile up on an account recharged daily. */
export const MAX_TOPUP_LABELS = 6;
/** No date label this close (percent of the width) to the 现在 label under the now line. */
const NOW_LABEL_ROOM = 8;

/** balance: the reading at the column's end; gap: no reading in it (the previous one carried); topup: the balance rose in it; forecast: projected. */
export type ColumnKind = 'balance' | 'gap' | 'topup' | 'forecast';

/** Positions are percentages of the plot: `left`/`width` of its width, `height`/`bottom` of its height. */
export interface ChartColumn {
  key: string;
  kind: ColumnKind;
  left: number;
  width: number;
  height: number;
}

export interface ChartLabel {
  left: number;
  label: string;
}

export interface TrendChart {
  columns: ChartColumn[];
  /** Horizontal lines with the balance they stand for, bottom to top. */
  gridlines: { bottom: number; label: string }[];
  /** Dates (or hours, for a short history) along the bottom. */
  ticks: ChartLabel[];
  topUps: (ChartLabel & { bottom: number })[];
  /** Where the history ends and the projection starts; null without a projection. */
  now: number | null;
  /** The run-out moment; `beyond` when it lies past the chart's right edge, where it is named. */
  runOut: (ChartLabel & { beyond: boolean }) | null;
}

export interface ChartInput {
  points: readonly HistoryPoint[];
  runsOutAt: string | null;
  /** The phone's clock (ms): the history runs up to it. */
  now: number;
  /** The phone's time zone in minutes east of UTC, for the date labels. */
  utcOffsetMinutes: number;
}

interface Reading {
  at: number;
  quotaNum: number;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const pad = (value: number) => String(value).padStart(2, '0');

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`: a scale top people read at a glance. */
export function niceCeil(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const steps = power >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  return (steps.find((step) => step * power >= value) ?? 10) * power;
}

/** The readings in time order, balances below 0 read as 0. */
export function readingsOf(points: readonly HistoryPoint[]): Reading[] {
  return points
    .map((point) => ({ at: Date.parse(point.at), quotaNum: Math.max(0, point.quotaNum) }))
    .filter((reading) => Number.isFinite(reading.at))
    .sort((a, b) => a.at - b.at);
}

/** Each rise of the balance between two readings: a top-up, at the time of the higher reading. */
export function topUpsOf(readings: readonly Reading[]): Reading[] {
  const topUps: Reading[] = [];
  for (let index = 1; index < readings.length; index += 1) {
    const reading = readings[index] as Reading;
    const rise = reading.quotaNum - (readings[index - 1] as Reading).quotaNum;
    if (rise > 0) topUps.push({ at: reading.at, quotaNum: rise });
  }
  return topUps;
}

/**
 * The balance trend as columns on a shared time axis: the history from the first reading to now, then
 * (when the run-out is near enough) the balance falling in a straight line to zero at the forecast's
 * run-out. Each history column shows the balance at its end, so a top-up stands as a rise. Null without readings.
 */
export function trendChart(input: ChartInput): TrendChart | null {
  const readings = readingsOf(input.points);
  const first = readings[0];
  const last = readings[readings.length - 1];
  if (!first || !last) return null;
  // A single fresh reading still gets an hour's width.
  const historyEnd = Math.max(input.now, last.at, first.at + HOUR_MS);
  const runOutAt = input.runsOutAt === null ? null : Math.max(Date.parse(input.runsOutAt), historyEnd);
  const drawn = runOutAt !== null && runOutAt - historyEnd <= PROJECTION_MAX_DAYS * DAY_MS;
  const end = drawn ? runOutAt : historyEnd;
  const slot = Math.max(1, Math.ceil((end - first.at) / MAX_COLUMNS / HOUR_MS)) * HOUR_MS;
  const x = (at: number) => round(((at - first.at) / (end - first.at)) * 100);
  const top = niceCeil(Math.max(...readings.map((reading) => reading.quotaNum)));
  const y = (quotaNum: number) => round((quotaNum / top) * 100);

  const columns: ChartColumn[] = [];
  const topUps: (ChartLabel & { bottom: number; amount: number })[] = [];
  let next = 0;
  let closing = first.quotaNum;
  for (let from = first.at; from < historyEnd; from += slot) {
    const to = Math.min(from + slot, historyEnd);
    const taken = next;
    while (next < readings.length && (to === historyEnd || (readings[next] as Reading).at < to)) next += 1;
    // The reading before the column counts too: a rise from it happened within the column.
    const rise = topUpsOf(readings.slice(Math.max(0, taken - 1), next)).reduce((sum, topUp) => sum + topUp.quotaNum, 0);
    closing = next > taken ? (readings[next - 1] as Reading).quotaNum : closing;
    const kind: ColumnKind = rise > 0 ? 'topup' : next > taken ? 'balance' : 'gap';
    columns.push({ key: `h${columns.length}`, kind, left: x(from), width: round(x(to) - x(from)), height: y(closing) });
    if (rise > 0)
      topUps.push({ left: round((x(from) + x(to)) / 2), bottom: y(closing), label: `+${rise}`, amount: rise });
  }
  if (drawn && runOutAt > historyEnd) {
    for (let from = historyEnd; from < runOutAt; from += slot) {
      const to = Math.min(from + slot, runOutAt);
      const projected = last.quotaNum * ((runOutAt - (from + to) / 2) / (runOutAt - last.at));
      columns.push({
        key: `f${columns.length}`,
        kind: 'forecast',
        left: x(from),
        width: round(x(to) - x(from)),
        height: y(projected),
      });
    }
  }

  const labelled = [...topUps].sort((a, b) => b.amount - a.amount).slice(0, MAX_TOPUP_LABELS);
  const now = drawn && runOutAt > historyEnd ? x(historyEnd) : null;
  return {
    columns,
    gridlines: [0, top / 2, top].filter(Number.isInteger).map((value) => ({ bottom: y(value), label: String(value) })),
    ticks: ticks(first.at, end, input.utcOffsetMinutes * 60_000)
      .map((at) => ({ left: x(at), label: tickLabel(at, first.at, end, input.utcOffsetMinutes) }))
      .filter((tick) => now === null || Math.abs(tick.left - now) >= NOW_LABEL_ROOM),
    topUps: topUps
      .filter((topUp) => labelled.includes(topUp))
      .map(({ left, bottom, label }) => ({ left, bottom, label })),
    now,
    runOut:
      runOutAt === null
        ? null
        : runOutMark(runOutAt, drawn ? x(runOutAt) : 100, !drawn, input.utcOffsetMinutes, last.quotaNum === 0),
  };
}

function runOutMark(
  at: number,
  left: number,
  beyond: boolean,
  utcOffsetMinutes: number,
  empty: boolean,
): ChartLabel & { beyond: boolean } {
  if (empty) return { left, label: '已用完', beyond };
  const date = localDate(at, utcOffsetMinutes);
  return { left, label: `预计 ${date} 用完${beyond ? ' →' : ''}`, beyond };
}

/** MM-DD in the phone's time zone. */
export function localDate(at: number, utcOffsetMinutes: number): string {
  const local = new Date(at + utcOffsetMinutes * 60_000);
  return `${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

/** Local midnights every few days, about five across; local hours for a history under two days. */
function ticks(start: number, end: number, offsetMs: number): number[] {
  const span = end - start;
  const step =
    span >= 2 * DAY_MS ? Math.ceil(span / DAY_MS / 5) * DAY_MS : span > 12 * HOUR_MS ? 6 * HOUR_MS : 3 * HOUR_MS;
  const found: number[] = [];
  for (let local = Math.ceil((start + offsetMs) / step) * step; local - offsetMs <= end; local += step)
    found.push(local - offsetMs);
  return found;
}

function tickLabel(at: number, start: number, end: number, utcOffsetMinutes: number): string {
  if (end - start >= 2 * DAY_MS) return localDate(at, utcOffsetMinutes);
  return `${pad(new Date(at + utcOffsetMinutes * 60_000).getUTCHours())}:00`;
}
