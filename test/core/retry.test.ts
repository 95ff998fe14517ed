import { RETRY_MAX_ATTEMPTS, RETRY_MAX_DELAY_MS } from '../../src/core/time-limits';
import { QuotaError } from '../../src/core/errors/errors';
import { backoffDelayMs, shouldRetry, withRetry } from '../../src/core/wechat/retry';
import { RunBudget } from '../../src/core/run-budget';
import { FakeClock } from '../../emulator/fake-clock';

const busy = new QuotaError('UPSTREAM_UNAVAILABLE', 'busy', { errCode: -1, retryable: true });
const notBound = new QuotaError('ACCOUNT_NOT_BOUND', 'no', { errCode: 9300525 });

describe('shouldRetry', () => {
  it('retries retryable errors until the attempt limit', () => {
    expect(shouldRetry(busy, 1)).toBe(true);
    expect(shouldRetry(busy, RETRY_MAX_ATTEMPTS - 1)).toBe(true);
    expect(shouldRetry(busy, RETRY_MAX_ATTEMPTS)).toBe(false);
  });

  it('never retries bad arguments, quota or rate errors', () => {
    expect(shouldRetry(notBound, 1)).toBe(false);
    expect(shouldRetry(new QuotaError('RATE_LIMITED', 'slow down', { errCode: 45011 }), 1)).toBe(false);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially up to a cap and is spread by jitter', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, 0.999))).toEqual([99, 199, 399, 399, 399]);
    expect(backoffDelayMs(3, 0)).toBe(0);
    expect(backoffDelayMs(10, 0.999)).toBeLessThan(RETRY_MAX_DELAY_MS);
  });
});

describe('withRetry', () => {
  it('repeats a retryable failure and returns the later success', async () => {
    const clock = new FakeClock();
    const outcomes: Array<() => Promise<string>> = [() => Promise.reject({ errCode: -1 }), () => Promise.resolve('ok')];
    const onRetry = jest.fn();
    const result = await clock.run(
      withRetry(() => outcomes.shift()!(), { api: 'x', budget: new RunBudget(clock, clock.now() + 10_000), onRetry }),
    );
    expect(result).toBe('ok');
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ errCode: -1 }), 1, 50);
  });

  it('throws a non-retryable failure at once, classified', async () => {
    const clock = new FakeClock();
    const call = jest.fn(() => Promise.reject({ errCode: 9300525 }));
    await expect(
      clock.run(withRetry(call, { api: 'x', budget: new RunBudget(clock, clock.now() + 10_000) })),
    ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_BOUND' });
    expect(call).toHaveBeenCalledTimes(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops after the attempt limit', async () => {
    const clock = new FakeClock();
    const call = jest.fn(() => Promise.reject({ errCode: -1 }));
    await expect(
      clock.run(withRetry(call, { api: 'x', budget: new RunBudget(clock, clock.now() + 10_000) })),
    ).rejects.toMatchObject({ errCode: -1 });
    expect(call).toHaveBeenCalledTimes(RETRY_MAX_ATTEMPTS);
  });

  it('does not start an attempt that could not finish before the deadline', async () => {
    const clock = new FakeClock();
    const call = jest.fn(() => Promise.reject({ errCode: -1 }));
    await expect(
      clock.run(withRetry(call, { api: 'x', budget: new RunBudget(clock, clock.now() + 200) })),
    ).rejects.toMatchObject({
      errCode: -1,
    });
    expect(call).toHaveBeenCalledTimes(1);
  });
});
