import { systemClock } from '../../src/core/clock';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RobotPost } from '../../src/core/alerts/robots/robot-post';
import { runDoctor, type DoctorReport } from '../../src/doctor/doctor';
import type { DoctorDeps } from '../../src/doctor/types';
import type { DbDocument } from '../../emulator/db-match';
import { noRobots } from '../../emulator/robots/robot-server';
import { ALERT_COLLECTION } from '../../src/contract/values';
import { HEARTBEAT_ID } from '../../src/function/heartbeat';
import { sampleBackEnd as quotaBackEnd, type SampleBackEnd } from '../cli/quota-harness';

const ROOT = path.resolve(__dirname, '../..');

/** The repository's files with the placeholders replaced: a set-up project. */
export function setUpFiles(overrides: Record<string, string> = {}): Record<string, string> {
  const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
  return {
    'config.json': read('config.json'),
    'project.config.json': read('project.config.json').replace(/"appid":\s*"[^"]*"/, '"appid": "wx1234567890abcdef"'),
    'miniprogram/config.ts': read('miniprogram/config.ts').replace(
      /export const CLOUD_ENV_ID\s*=\s*'[^']*'/,
      "export const CLOUD_ENV_ID = 'prod-4g1x2y3z'",
    ),
    ...overrides,
  };
}

export const TEMPLATE_ID = 'tmpl-low-balance-0001';

export interface DoctorRun extends DoctorReport {
  /** The check of this id; throws when there is none. */
  check(id: string): DoctorReport['checks'][number];
}

/** Runs the doctor in-process against the back end (or none), with these files and variables. */
export async function doctor(
  backEnd: SampleBackEnd | undefined,
  options: {
    env?: Record<string, string | undefined>;
    files?: Record<string, string>;
    json?: boolean;
    sendTest?: boolean;
    fetch?: typeof fetch;
    robotPost?: RobotPost;
    now?: () => number;
  } = {},
): Promise<DoctorRun> {
  const files = options.files ?? setUpFiles();
  const deps: DoctorDeps = {
    env: { ...(backEnd ? backEnd.env() : {}), ...options.env },
    fetch: options.fetch ?? globalThis.fetch,
    readFile: async (file) => {
      const text = files[file];
      if (text === undefined)
        throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' });
      return text;
    },
    now: options.now ?? Date.now,
    // Waits only where nothing answers: a post's deadline race is cancelled as soon as the robot answers.
    sleep: (ms, signal) => systemClock.sleep(ms, signal),
    robotPost: options.robotPost ?? noRobots,
    timeoutMs: 2_000,
  };
  const report = await runDoctor({ json: options.json ?? false, sendTest: options.sendTest ?? false }, deps);
  return {
    ...report,
    check(id) {
      const found = report.checks.find((check) => check.id === id);
      if (!found) throw new Error(`no check ${id} in:\n${report.output}`);
      return found;
    },
  };
}

/** The heartbeat document a timer run leaves (src/function/heartbeat.ts), `minutesAgo` before now. */
export function heartbeat(minutesAgo: number, changes: Partial<DbDocument> = {}): DbDocument {
  return {
    _id: HEARTBEAT_ID,
    at: Date.now() - minutesAgo * 60_000,
    ok: true,
    durationMs: 1_234,
    accounts: 5,
    live: 3,
    alertsSent: 0,
    robotsSent: 0,
    alertNote: '',
    failureCode: '',
    failureMessage: '',
    ...changes,
  };
}

/** The emulator's HTTPS face with the sample state and a timer run 3 minutes ago: a project whose timer runs. */
export async function sampleBackEnd(): Promise<SampleBackEnd> {
  const backEnd = await quotaBackEnd();
  backEnd.model.database.plant(ALERT_COLLECTION, [heartbeat(3)]);
  return backEnd;
}
