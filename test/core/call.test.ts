import { beforeDeadline } from '../../src/core/call';
import { FakeClock } from '../../emulator/fake-clock';

describe('beforeDeadline', () => {
  it('ends a call that never settles at the deadline, however much time was left when it started', async () => {
    const clock = new FakeClock();
    const deadline = clock.now() + 60_000;
    const never = new Promise<never>(() => undefined);
    await expect(clock.run(beforeDeadline(never, { clock, deadline }, 'logistics.getQuota'))).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: expect.stringContaining("logistics.getQuota did not answer before this call's time budget ran out"),
    });
    expect(clock.now()).toBe(deadline);
  });

  it('answers with the call when it settles first, and leaves no timer behind', async () => {
    const clock = new FakeClock();
    expect(await clock.run(beforeDeadline(Promise.resolve(210), { clock, deadline: clock.now() + 2_500 }, 'x'))).toBe(
      210,
    );
    await expect(clock.run(new Promise(() => undefined))).rejects.toThrow('no timer is waiting');
  });

  it('fails at once when the deadline has already passed', async () => {
    const clock = new FakeClock();
    const started = clock.now();
    await expect(
      clock.run(beforeDeadline(new Promise(() => undefined), { clock, deadline: started - 1 }, 'x')),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(clock.now()).toBe(started);
  });
});
