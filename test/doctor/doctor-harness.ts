import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RobotPost } from '../../src/core/robots/robot-post';
import { runDoctor, type DoctorReport } from '../../src/doctor/doctor';
import type { DoctorDeps } from '../../src/doctor/types';
import { noRobots } from '../../src/emulator/robots/robot-server';
import { sampleBackEnd, type SampleBackEnd } from '../cli/quota-harness';

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
    sleep: async () => undefined,
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

export { sampleBackEnd };
