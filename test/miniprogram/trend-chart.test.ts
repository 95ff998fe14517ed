import {
  MAX_COLUMNS,
  MAX_TOPUP_LABELS,
  niceCeil,
  trendChart,
  type ChartColumn,
  type ChartInput,
} from '../../miniprogram/services/trend-chart';
import { DAY, HOUR, hourlySeries } from '../support/balance-series';

const NOW = Date.UTC(2026, 10, 29, 1, 0, 0);
const CHINA = 480;

const wire = (points: { at: number; quotaNum: number }[]) =>
  points.map((point) => ({ at: new Date(point.at).toISOString(), quotaNum: point.quotaNum }));
const chartOf = (input: Partial<ChartInput> & Pick<ChartInput, 'points'>) =>
  trendChart({ runsOutAt: null, now: NOW, utcOffsetMinutes: CHINA, ...input });
const history = (columns: ChartColumn[]) => columns.filter((column) => column.kind !== 'forecast');

describe('trendChart', () => {
  it('draws nothing without readings', () => {
    expect(chartOf({ points: [] })).toBeNull();
  });

  it('draws 30 days of hourly readings as at most 120 columns that fill the width without overlapping', () => {
    const chart = chartOf({ points: wire(hourlySeries(30 * 24, NOW, 300, () => 2)) })!;
    expect(chart.columns).toHaveLength(MAX_COLUMNS);
    expect(chart.columns.every((column) => column.kind === 'balance')).toBe(true);
    let right = 0;
    for (const column of chart.columns) {
      expect(column.left).toBeCloseTo(right, 2);
      right = column.left + column.width;
    }
    expect(right).toBeCloseTo(100, 2);
  });

  it('shows a steady fall as columns that only get lower, on a scale with a round top', () => {
    const chart = chartOf({ points: wire(hourlySeries(10 * 24, NOW, 300, () => 3)) })!;
    const heights = chart.columns.map((column) => column.height);
    expect(heights).toEqual([...heights].sort((a, b) => b - a));
    // 1,017 waybills at the start: the scale tops out at 2,000.
    expect(chart.gridlines).toEqual([
      { bottom: 0, label: '0' },
      { bottom: 50, label: '1000' },
      { bottom: 100, label: '2000' },
    ]);
    expect(chart.columns[chart.columns.length - 1]!.height).toBe(15);
  });

  it('shows a top-up as a rise, in its own colour, labelled with the waybills added', () => {
    const points = hourlySeries(6 * 24, NOW, 700, (at) => (at === NOW - 3 * DAY ? -500 : 2));
    const chart = chartOf({ points: wire(points) })!;
    const index = chart.columns.findIndex((column) => column.kind === 'topup');
    expect(chart.columns.filter((column) => column.kind === 'topup')).toHaveLength(1);
    expect(chart.columns[index]!.height).toBeGreaterThan(chart.columns[index - 1]!.height);
    expect(chart.topUps).toEqual([{ left: expect.any(Number), bottom: chart.columns[index]!.height, label: '+500' }]);
    expect(chart.topUps[0]!.left).toBeGreaterThan(chart.columns[index]!.left);
  });

  it('labels only the largest top-ups when there are many', () => {
    const points = hourlySeries(20 * 24, NOW, 5000, (at) =>
      (at - NOW) % DAY === 0 ? -(100 + (-(at - NOW) / DAY) * 10) : 5,
    );
    const chart = chartOf({ points: wire(points) })!;
    expect(chart.columns.filter((column) => column.kind === 'topup').length).toBeGreaterThan(MAX_TOPUP_LABELS);
    expect(chart.topUps.map((topUp) => topUp.label)).toEqual(['+300', '+290', '+280', '+270', '+260', '+250']);
  });

  it('carries the last balance across missed readings, marked as such', () => {
    const points = hourlySeries(4 * 24, NOW, 400, () => 1).filter(
      (point) => point.at < NOW - 3 * DAY || point.at > NOW - DAY,
    );
    const chart = chartOf({ points: wire(points) })!;
    const gaps = chart.columns.filter((column) => column.kind === 'gap');
    expect(gaps.length).toBeGreaterThan(30);
    expect(new Set(gaps.map((column) => column.height)).size).toBe(1);
  });

  it('projects a near run-out down to zero and marks its date and now', () => {
    const points = hourlySeries(10 * 24, NOW, 100, () => 2);
    // 100 waybills at 48 a day: gone on 12-01 around 11:00 China time.
    const chart = chartOf({ points: wire(points), runsOutAt: new Date(NOW + (100 / 48) * DAY).toISOString() })!;
    const projected = chart.columns.filter((column) => column.kind === 'forecast');
    expect(projected.length).toBeGreaterThan(0);
    expect(projected.map((column) => column.height)).toEqual(
      [...projected.map((column) => column.height)].sort((a, b) => b - a),
    );
    expect(projected[0]!.left).toBeCloseTo(chart.now!, 2);
    expect(projected[projected.length - 1]!.height).toBeLessThan(1);
    expect(chart.now).toBeCloseTo((10 / (10 + 100 / 48)) * 100, 1);
    expect(chart.runOut).toEqual({ left: 100, label: '预计 12-01 用完', beyond: false });
    expect(history(chart.columns)).toHaveLength(chart.columns.length - projected.length);
    // 现在 is written under its line, where no date may crowd it.
    expect(chart.ticks.every((tick) => Math.abs(tick.left - chart.now!) >= 8)).toBe(true);
  });

  it('names a far run-out at the right edge instead of squeezing the history', () => {
    const chart = chartOf({
      points: wire(hourlySeries(10 * 24, NOW, 5000, () => 2)),
      runsOutAt: new Date(NOW + 104 * DAY).toISOString(),
    })!;
    expect(chart.columns.every((column) => column.kind !== 'forecast')).toBe(true);
    expect(chart.now).toBeNull();
    expect(chart.runOut).toEqual({ left: 100, label: '预计 03-13 用完 →', beyond: true });
  });

  it('says 已用完 at now for an empty account', () => {
    const chart = chartOf({
      points: wire(hourlySeries(3 * 24, NOW, 0, () => 1)),
      runsOutAt: new Date(NOW).toISOString(),
    })!;
    expect(chart.runOut).toEqual({ left: 100, label: '已用完', beyond: false });
  });

  it('has no run-out mark without a forecast', () => {
    const chart = chartOf({ points: wire(hourlySeries(3 * 24, NOW, 90, () => 0)) })!;
    expect(chart.runOut).toBeNull();
    expect(chart.now).toBeNull();
  });

  it('puts dates at the phone’s midnights, and hours for a short history', () => {
    const points = wire(hourlySeries(10 * 24, NOW, 300, () => 1));
    expect(chartOf({ points })!.ticks.map((tick) => tick.label)).toEqual(['11-21', '11-23', '11-25', '11-27', '11-29']);
    // The same readings on a phone in UTC: its midnights come 8 hours after China's.
    const utc = chartOf({ points, utcOffsetMinutes: 0 })!.ticks;
    expect(utc.map((tick) => tick.label)).toEqual(['11-21', '11-23', '11-25', '11-27', '11-29']);
    expect(utc[0]!.left).toBeGreaterThan(chartOf({ points })!.ticks[0]!.left);
    expect(chartOf({ points: wire(hourlySeries(20, NOW, 300, () => 1)) })!.ticks.map((tick) => tick.label)).toEqual([
      '18:00',
      '00:00',
      '06:00',
    ]);
  });

  it('gives a single fresh reading a column', () => {
    const chart = chartOf({ points: wire([{ at: NOW - 10 * 60_000, quotaNum: 80 }]) })!;
    expect(chart.columns).toEqual([{ key: 'h0', kind: 'balance', left: 0, width: 100, height: 80 }]);
  });

  it('reads readings in any order and a negative balance as zero', () => {
    const chart = chartOf({
      points: [
        { at: new Date(NOW).toISOString(), quotaNum: -3 },
        { at: new Date(NOW - 2 * HOUR).toISOString(), quotaNum: 10 },
      ],
    })!;
    expect(chart.columns.map((column) => column.height)).toEqual([100, 0]);
  });
});

describe('niceCeil', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [12, 20],
    [210, 250],
    [1530, 2000],
    [2600, 5000],
    [10_000, 10_000],
  ])('rounds %d up to %d', (value, nice) => {
    expect(niceCeil(value)).toBe(nice);
  });
});
