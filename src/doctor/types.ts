import type { RobotPost } from '../core/alerts/robots/robot-post';

export type CheckStatus = 'ok' | 'fail' | 'skip';

/** One line of the checklist. */
export interface Check {
  /** Stable, for scripts reading --json: `credentials`, `logistics`, `account:YTO/xyz`, … */
  id: string;
  status: CheckStatus;
  /** What was found, in one line. */
  finding: string;
  /** What to do about it; empty when there is nothing to do. */
  fix: string;
  /**
   * A skip because the check could not be made (no credentials, WeChat unreachable), as opposed to one
   * with nothing to check (alerts off). Decides exit 2; not part of the JSON document.
   */
  unchecked?: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Everything the doctor touches outside itself, injected so that tests run it in-process. */
export interface DoctorDeps {
  /** The environment, already merged with --function-env. */
  env: Env;
  fetch: typeof fetch;
  /** Reads a file of the repository by its path relative to the repository root. */
  readFile: (relativePath: string) => Promise<string>;
  now: () => number;
  /** Resolves after `ms`, or never once `signal` aborts (the deadline race of a robot post cancels its wait). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How a robot test message is posted (--send-test). */
  robotPost: RobotPost;
  /** Each HTTPS exchange's time limit. */
  timeoutMs?: number;
}

export interface DoctorOptions {
  json: boolean;
  sendTest: boolean;
}

export const ok = (id: string, finding: string): Check => ({ id, status: 'ok', finding, fix: '' });
export const fail = (id: string, finding: string, fix: string): Check => ({ id, status: 'fail', finding, fix });
export const skip = (id: string, finding: string, fix = ''): Check => ({ id, status: 'skip', finding, fix });
/** A check that could not be made: exit 2 unless something else is to fix. */
export const unchecked = (id: string, finding: string, fix: string): Check => ({
  ...skip(id, finding, fix),
  unchecked: true,
});
