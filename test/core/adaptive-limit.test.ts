import {
  ADAPTIVE_MAX_CONCURRENCY,
  INITIAL_LIMIT,
  nextLimit,
  outcomeOf,
  type CallOutcome,
} from '../../src/core/adaptive-limit';
import { mapAdaptive } from '../../src/core/concurrency';
import { refreshOrder } from '../../src/core/refresh-order';

const walk = (outcomes: CallOutcome[]) => outcomes.reduce((state, outcome) => nextLimit(state, outcome), INITIAL_LIMIT);

describe('adaptive concurrency', () => {
  it('grows by one per success, up to the maximum', () => {
    expect(walk(['ok', 'ok']).limit).toBe(INITIAL_LIMIT.limit + 2);
    expect(walk(Array<CallOutcome>(100).fill('ok')).limit).toBe(ADAPTIVE_MAX_CONCURRENCY);
  });

  it('halves on a rate-limit answer, never below one, and a failure of one account changes nothing', () => {
    expect(walk(['ok', 'ok', 'ok', 'ok', 'slow-down']).limit).toBe(4);
    expect(walk(['slow-down', 'slow-down', 'slow-down', 'slow-down']).limit).toBe(1);
    expect(walk(['other'])).toEqual(INITIAL_LIMIT);
  });

  it('stops for good on the daily quota', () => {
    expect(walk(['stop', 'ok', 'ok'])).toEqual({ limit: 0, stopped: true });
  });

  it.each([
    [undefined, false, 'ok'],
    [45011, true, 'slow-down'],
    [-501004, true, 'slow-down'],
    [-501003, true, 'slow-down'],
    [45009, true, 'stop'],
    [9300525, true, 'other'],
    [undefined, true, 'other'],
  ] as const)('reads errCode %s (failed: %s) as %s', (errCode, failed, outcome) => {
    expect(outcomeOf(errCode, failed)).toBe(outcome);
  });
});

describe('mapAdaptive', () => {
  /** Tasks that finish in the order they were started, one microtask turn apart, recording how many ran at once. */
  function tracked(outcomeFor: (item: number) => CallOutcome) {
    let running = 0;
    const concurrent: number[] = [];
    const task = async (item: number) => {
      running += 1;
      concurrent.push(running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
      return { item, outcome: outcomeFor(item) };
    };
    return { task, concurrent };
  }

  it('answers every item in input order when all succeed', async () => {
    const { task, concurrent } = tracked(() => 'ok');
    const run = await mapAdaptive([...Array(40).keys()], task, {
      outcome: (result) => result.outcome,
      mayStart: () => true,
    });
    expect(run.results.map((result) => result?.item)).toEqual([...Array(40).keys()]);
    expect(run.stoppedBy).toBeNull();
    expect(Math.max(...concurrent)).toBeLessThanOrEqual(ADAPTIVE_MAX_CONCURRENCY);
    expect(concurrent[0]).toBe(1);
  });

  it('starts nothing more after the daily quota, and says so', async () => {
    const { task } = tracked((item) => (item === 2 ? 'stop' : 'ok'));
    const run = await mapAdaptive([...Array(40).keys()], task, {
      outcome: (result) => result.outcome,
      mayStart: () => true,
    });
    expect(run.stoppedBy).toBe('daily-quota');
    expect(run.results.filter(Boolean).length).toBeLessThan(10);
    expect(run.results.at(-1)).toBeUndefined();
  });

  it('starts nothing once time is up, and says so', async () => {
    let starts = 0;
    const run = await mapAdaptive([...Array(10).keys()], async (item) => item, {
      outcome: () => 'ok',
      mayStart: () => (starts += 1) <= 3,
    });
    expect(run.results).toEqual([0, 1, 2, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(run.stoppedBy).toBe('time');
  });

  it('answers an empty list at once', async () => {
    expect(await mapAdaptive([], async () => 1, { outcome: () => 'ok', mayStart: () => true })).toEqual({
      results: [],
      peak: 0,
      stoppedBy: null,
    });
  });
});

describe('refreshOrder', () => {
  const stored: Record<string, number | undefined> = { a: 300, b: undefined, c: 100, d: 950, e: 100 };
  it('queries the never-stored first, then the oldest, keeping the listing order among equals', () => {
    expect(refreshOrder(Object.keys(stored), (key) => stored[key], 1000)).toEqual({
      query: ['b', 'c', 'e', 'a', 'd'],
      fresh: [],
    });
  });

  it('leaves the accounts read less than refreshAfterMs ago to storage', () => {
    expect(refreshOrder(Object.keys(stored), (key) => stored[key], 1000, 100)).toEqual({
      query: ['b', 'c', 'e', 'a'],
      fresh: ['d'],
    });
  });
});
