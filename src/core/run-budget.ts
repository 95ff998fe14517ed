import { beforeDeadline, isAbandoned } from './call';
import type { Clock } from './clock';
import { QuotaError } from './errors';
import { ErrorCode } from '../contract/errors';

/** A call not started because it could not finish before the deadline: nothing happened, so it can wait for the next run. */
export class NotStartedError extends QuotaError {
  constructor(what: string) {
    super(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `${what} was not started: it could not finish before this run's deadline. The next run does it.`,
    );
  }
}

/**
 * The time left in one invocation, with what each kind of call has taken so far: a call starts only
 * when it is expected to finish before its deadline, and none outlives it.
 */
export class RunBudget {
  private readonly slowest = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    readonly deadline: number,
    private readonly firstEstimates: Readonly<Record<string, number>>,
  ) {}

  now(): number {
    return this.clock.now();
  }

  /** Waits `ms` on the run's clock (a retry's pause): tests never really wait. */
  pause(ms: number): Promise<void> {
    return this.clock.sleep(ms);
  }

  /** The longest a call of this kind has taken in this run, or the first estimate until one has finished. */
  estimate(kind: string): number {
    return this.slowest.get(kind) ?? this.firstEstimates[kind] ?? 0;
  }

  fits(kind: string, until = this.deadline): boolean {
    return this.clock.now() + this.estimate(kind) <= until;
  }

  /** Runs `call` if it fits before `until`, abandoning it there; records how long it took. */
  async run<T>(kind: string, what: string, call: () => Promise<T>, until = this.deadline): Promise<T> {
    if (!this.fits(kind, until)) throw new NotStartedError(what);
    const started = this.clock.now();
    try {
      return await beforeDeadline(call(), { clock: this.clock, deadline: until }, what);
    } finally {
      const took = this.clock.now() - started;
      this.slowest.set(kind, Math.max(took, this.slowest.get(kind) ?? 0));
    }
  }
}

/** A call that ran out of time (never started, or abandoned at the deadline), as opposed to one that failed. */
export function ranOutOfTime(error: unknown): boolean {
  return error instanceof NotStartedError || isAbandoned(error);
}
