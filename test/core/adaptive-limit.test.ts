import {
  ADAPTIVE_MAX_CONCURRENCY,
  INITIAL_LIMIT,
  nextLimit,
  outcomeOf,
  type CallOutcome,
} from '../../src/core/wechat/adaptive-limit';
import { refreshOrder } from '../../src/core/accounts/refresh-order';

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
