import { INITIAL_LIMIT, nextLimit, type AdaptiveLimit, type CallOutcome } from './adaptive-limit';

export interface AdaptiveMapOptions<R> {
  /** What a task's result says about the pace. */
  outcome: (result: R) => CallOutcome;
  /** Whether another task may still start (the time budget): checked before each start. */
  mayStart: () => boolean;
  initial?: AdaptiveLimit;
  max?: number;
}

export interface AdaptiveMapResult<R> {
  /** Results in input order; undefined for the items never started (out of time, or stopped). */
  results: Array<R | undefined>;
  /** The highest number of tasks that ran at once, and why the run ended early, if it did. */
  peak: number;
  stoppedBy: 'daily-quota' | 'time' | null;
}

/** Maps `items` through `task` in order, as many at once as the adaptive limit allows (see nextLimit). Tasks must not throw. */
export function mapAdaptive<T, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
  options: AdaptiveMapOptions<R>,
): Promise<AdaptiveMapResult<R>> {
  const results = new Array<R | undefined>(items.length).fill(undefined);
  let state = options.initial ?? INITIAL_LIMIT;
  let next = 0;
  let running = 0;
  let peak = 0;
  let outOfTime = false;
  return new Promise((resolve) => {
    const finish = () =>
      resolve({ results, peak, stoppedBy: state.stopped ? 'daily-quota' : outOfTime ? 'time' : null });
    const fill = () => {
      while (!state.stopped && running < state.limit && next < items.length) {
        if (!options.mayStart()) {
          outOfTime = true;
          break;
        }
        const index = next;
        next += 1;
        running += 1;
        peak = Math.max(peak, running);
        void task(items[index] as T).then((result) => {
          results[index] = result;
          running -= 1;
          state = nextLimit(state, options.outcome(result), options.max);
          fill();
        });
      }
      if (running === 0) finish();
    };
    fill();
  });
}
