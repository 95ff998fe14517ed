import { MIN_USEFUL_CALL_MS } from './time-limits';
import type { Clock } from './clock';
import { QuotaError } from './errors/errors';
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

/** The cause of a call given up at the deadline: its outcome is unknown, not failed. */
const ABANDONED = Symbol('abandoned at the deadline');

/** Why a settled call's deadline watch is stopped. */
const CALL_SETTLED = 'call settled';

/**
 * The time left in one invocation, the one source every call consults (WeChat's, the database's, a
 * subscribe send, a robot post): what still fits, calls run within it, and none outlives the deadline.
 * It remembers what each kind of call has taken so far: a call starts only when it is expected to finish.
 */
export class RunBudget {
  private readonly slowest = new Map<string, number>();

  constructor(
    readonly clock: Clock,
    readonly deadline: number,
    /** What a call of each kind is assumed to take until one has finished; MIN_USEFUL_CALL_MS for a kind not named. */
    private readonly firstEstimates: Readonly<Record<string, number>> = {},
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
    return this.slowest.get(kind) ?? this.firstEstimates[kind] ?? MIN_USEFUL_CALL_MS;
  }

  /** Whether a call of this kind, started now, is expected to finish by `until`. */
  fits(kind: string, until = this.deadline): boolean {
    return this.clock.now() + this.estimate(kind) <= until;
  }

  /** Whether a call of this kind may start now: no later than `latestStart`, and expected to finish by the deadline. */
  mayStart(kind: string, latestStart = this.deadline): boolean {
    return this.clock.now() <= latestStart && this.fits(kind);
  }

  /** Whether a call started after `waitMs` more could still be of use by `until`: less than MIN_USEFUL_CALL_MS could not finish. */
  hasUsefulTime(waitMs = 0, until = this.deadline): boolean {
    return this.clock.now() + waitMs + MIN_USEFUL_CALL_MS <= until;
  }

  /** Runs `call` if it fits before `until`, abandoning it there; records how long it took. */
  async run<T>(kind: string, what: string, call: () => Promise<T>, until = this.deadline): Promise<T> {
    if (!this.fits(kind, until)) throw new NotStartedError(what);
    const started = this.clock.now();
    try {
      return await this.abandonAtDeadline(call(), what, until);
    } finally {
      const took = this.clock.now() - started;
      this.slowest.set(kind, Math.max(took, this.slowest.get(kind) ?? 0));
    }
  }

  /**
   * The call's answer, or UPSTREAM_UNAVAILABLE once `until` passes. Always raced, never left to the
   * transport: the SDK's socket timeout restarts with every byte, so an answer that drips would outlive
   * any deadline. One timer per call, cleared when the call settles. The abandoned call finishes unobserved.
   */
  async abandonAtDeadline<T>(call: Promise<T>, what: string, until = this.deadline): Promise<T> {
    const timer = new AbortController();
    const expired = this.clock.sleep(Math.max(0, until - this.clock.now()), timer.signal).then(() => {
      throw new QuotaError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        `${what} did not answer before this call's time budget ran out. Try again, or query fewer accounts at once.`,
        { cause: ABANDONED },
      );
    });
    try {
      return await Promise.race([call, expired]);
    } finally {
      // abort() without a reason builds a DOMException on every call: about a fifth of a warm call's overhead.
      timer.abort(CALL_SETTLED);
    }
  }
}

/** The time left of a context that carries only its clock and deadline (a single query, a command). */
export function timeLeft(context: { clock: Clock; deadline: number }): RunBudget {
  return new RunBudget(context.clock, context.deadline);
}

/** A call given up at the deadline: its outcome is unknown, not failed. */
export function isAbandoned(error: unknown): boolean {
  return error instanceof QuotaError && error.cause === ABANDONED;
}

/** A call that ran out of time (never started, or abandoned at the deadline), as opposed to one that failed. */
export function ranOutOfTime(error: unknown): boolean {
  return error instanceof NotStartedError || isAbandoned(error);
}
