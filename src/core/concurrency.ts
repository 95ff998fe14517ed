import { INITIAL_LIMIT, nextLimit, type AdaptiveLimit, type CallOutcome } from './wechat/adaptive-limit';

/** How many tasks may run at once, asked before each start, and told what each finished task gave. */
interface Pace<R> {
  /** Tasks allowed in flight now; 0 starts no more. */
  limit: () => number;
  settled?: (result: R) => void;
  /** Whether another task may still start (the time left): checked before each start. */
  mayStart?: () => boolean;
}

interface PoolRun<R> {
  /** Results in input order; undefined for the items never started. */
  results: Array<R | undefined>;
  /** The highest number of tasks that ran at once. */
  peak: number;
  /** Whether `mayStart` refused a start. */
  outOfTime: boolean;
}

/** The one pool behind both maps: starts tasks in input order while the pace allows; a task that throws fails it. */
function runPool<T, R>(items: readonly T[], task: (item: T, index: number) => Promise<R>, pace: Pace<R>) {
  const results = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  let running = 0;
  let peak = 0;
  let outOfTime = false;
  let failed = false;
  return new Promise<PoolRun<R>>((resolve, reject) => {
    const fail = (error: unknown) => {
      failed = true;
      reject(error);
    };
    const fill = () => {
      while (!failed && running < pace.limit() && next < items.length) {
        if (pace.mayStart?.() === false) {
          outOfTime = true;
          break;
        }
        const index = next;
        next += 1;
        running += 1;
        peak = Math.max(peak, running);
        let started: Promise<R>;
        try {
          started = task(items[index] as T, index);
        } catch (error) {
          fail(error);
          return;
        }
        started.then((result) => {
          results[index] = result;
          running -= 1;
          pace.settled?.(result);
          fill();
        }, fail);
      }
      if (running === 0 && !failed) resolve({ results, peak, outOfTime });
    };
    fill();
  });
}

/** Maps `items` through `task` with at most `limit` tasks running at once; results keep the input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const run = await runPool(items, task, { limit: () => limit });
  return run.results as R[];
}

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
export async function mapAdaptive<T, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
  options: AdaptiveMapOptions<R>,
): Promise<AdaptiveMapResult<R>> {
  let state = options.initial ?? INITIAL_LIMIT;
  const run = await runPool(items, task, {
    limit: () => (state.stopped ? 0 : state.limit),
    settled: (result) => (state = nextLimit(state, options.outcome(result), options.max)),
    mayStart: options.mayStart,
  });
  return {
    results: run.results,
    peak: run.peak,
    stoppedBy: state.stopped ? 'daily-quota' : run.outOfTime ? 'time' : null,
  };
}
