import type { Clock } from '../src/core/clock';

interface Timer {
  at: number;
  resolve: () => void;
}

/** Virtual time: `sleep` waits for `run` to advance the clock, so tests and simulated runs never really wait. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private current: number;
  private timers: Timer[] = [];

  constructor(
    start = Date.UTC(2026, 10, 29, 1, 0, 0),
    private readonly randomValue = 0.5,
  ) {
    this.current = start;
  }

  now = (): number => this.current;

  random = (): number => this.randomValue;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((resolve) => {
      const timer = { at: this.current + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => (this.timers = this.timers.filter((candidate) => candidate !== timer)), {
        once: true,
      });
    });
  };

  /** Awaits `work`, advancing virtual time to the next timer whenever nothing else can progress. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      // A macrotask turn lets every pending microtask run; setTimeout exists in jsdom too.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (settled) return work;
      if (this.timers.length === 0) throw new Error('FakeClock: work is pending but no timer is waiting');
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0]!.at;
      this.current = Math.max(this.current, due);
      const ready = this.timers.filter((timer) => timer.at <= this.current);
      this.timers = this.timers.filter((timer) => timer.at > this.current);
      ready.forEach((timer) => timer.resolve());
    }
  }
}
