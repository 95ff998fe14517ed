import { ADAPTIVE_MAX_CONCURRENCY, type CallOutcome } from '../../src/core/wechat/adaptive-limit';
import { mapAdaptive, mapWithConcurrency } from '../../src/core/concurrency';

describe('mapWithConcurrency', () => {
  it('keeps the input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const result = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (value) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, value));
      running -= 1;
      return value * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('handles no items and a limit above the item count', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
    expect(await mapWithConcurrency([1], 4, async (value) => value)).toEqual([1]);
  });

  it('fails with the first task that fails, and starts no task after it', async () => {
    const started: number[] = [];
    const run = mapWithConcurrency([1, 2, 3, 4], 1, async (value) => {
      started.push(value);
      if (value === 2) throw new Error('two failed');
      return value;
    });
    await expect(run).rejects.toThrow('two failed');
    expect(started).toEqual([1, 2]);
  });

  it('rejects a limit that is not a positive integer', async () => {
    await expect(mapWithConcurrency([1], 0, async () => 1)).rejects.toThrow('limit must be a positive integer');
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
