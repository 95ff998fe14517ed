/** Time as the core sees it: injected so that tests control it and never really wait. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or at once, without resolving, when `signal` aborts (so no timer outlives its use). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1), for jitter. */
  random(): number;
}

/** An instant as the answers carry it: ISO 8601, UTC. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => clearTimeout(timer), { once: true });
    }),
  random: () => Math.random(),
};
