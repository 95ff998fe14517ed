import { RunBudget } from '../../src/core/run-budget';
import { MIN_USEFUL_CALL_MS } from '../../src/core/time-limits';
import { FakeClock } from '../../emulator/fake-clock';

describe('RunBudget.abandonAtDeadline', () => {
  it('ends a call that never settles at the deadline, however much time was left when it started', async () => {
    const clock = new FakeClock();
    const deadline = clock.now() + 60_000;
    const never = new Promise<never>(() => undefined);
    await expect(
      clock.run(new RunBudget(clock, deadline).abandonAtDeadline(never, 'logistics.getQuota')),
    ).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: expect.stringContaining("logistics.getQuota did not answer before this call's time budget ran out"),
    });
    expect(clock.now()).toBe(deadline);
  });

  it('answers with the call when it settles first, and leaves no timer behind', async () => {
    const clock = new FakeClock();
    expect(
      await clock.run(new RunBudget(clock, clock.now() + 2_500).abandonAtDeadline(Promise.resolve(210), 'x')),
    ).toBe(210);
    await expect(clock.run(new Promise(() => undefined))).rejects.toThrow('no timer is waiting');
  });

  it('fails at once when the deadline has already passed', async () => {
    const clock = new FakeClock();
    const started = clock.now();
    await expect(
      clock.run(new RunBudget(clock, started - 1).abandonAtDeadline(new Promise(() => undefined), 'x')),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(clock.now()).toBe(started);
  });
});

describe('RunBudget: what still fits', () => {
  it('assumes a kind of call not yet timed takes the shortest useful call, then the slowest one timed', async () => {
    const clock = new FakeClock();
    const budget = new RunBudget(clock, clock.now() + MIN_USEFUL_CALL_MS);
    expect(budget.fits('database')).toBe(true);
    await clock.run(budget.run('database', 'x', () => clock.sleep(MIN_USEFUL_CALL_MS / 2)));
    expect(budget.estimate('database')).toBe(MIN_USEFUL_CALL_MS / 2);
    expect(budget.fits('database')).toBe(true);
    expect(budget.fits('robot')).toBe(false);
  });

  it('starts nothing after its latest start, nor what could not finish by the deadline', () => {
    const clock = new FakeClock();
    const budget = new RunBudget(clock, clock.now() + 1_000, { send: 100 });
    expect(budget.mayStart('send', clock.now())).toBe(true);
    expect(budget.mayStart('send', clock.now() - 1)).toBe(false);
    expect(new RunBudget(clock, clock.now() + 99, { send: 100 }).mayStart('send')).toBe(false);
  });

  it('has useful time only for a call that could still finish after the wait', () => {
    const clock = new FakeClock();
    const budget = new RunBudget(clock, clock.now() + MIN_USEFUL_CALL_MS + 100);
    expect(budget.hasUsefulTime(100)).toBe(true);
    expect(budget.hasUsefulTime(101)).toBe(false);
  });
});
