import { joinOrStart } from '../../miniprogram/services/single-flight';

describe('one load at a time per page instance', () => {
  it('joins a load that is running instead of starting another, and starts afresh once it ends', async () => {
    const page = {};
    let starts = 0;
    let finish = (): void => undefined;
    const start = () => {
      starts += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    };
    const first = joinOrStart(page, start);
    const second = joinOrStart(page, start);
    expect(second).toBe(first);
    finish();
    await first;
    expect(starts).toBe(1);
    void joinOrStart(page, start);
    expect(starts).toBe(2);
    finish();
  });

  it('starts afresh after a load that failed, and passes the failure on', async () => {
    const page = {};
    await expect(joinOrStart(page, () => Promise.reject(new Error('network down')))).rejects.toThrow('network down');
    let started = false;
    await joinOrStart(page, async () => void (started = true));
    expect(started).toBe(true);
  });

  it('keeps each page instance to its own load', async () => {
    let starts = 0;
    const start = () => new Promise<void>(() => void (starts += 1));
    void joinOrStart({}, start);
    void joinOrStart({}, start);
    expect(starts).toBe(2);
  });
});
