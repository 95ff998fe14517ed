import { systemClock } from '../src/core/clock';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentError } from '../src/cli/quota-target';
import { httpsRobotPost } from '../src/core/alerts/robots/robot-post';
import { DOCTOR_OPTIONS, DOCTOR_USAGE } from '../src/doctor/command';
import { runDoctor } from '../src/doctor/doctor';
import { mergeEnv, parseEnvFile } from '../src/doctor/env-file';
import { runScript } from './run-script';

const ROOT = path.resolve(__dirname, '..');

/** `npm run doctor`: the checklist on stdout, its exit status 0, 1 or 2 (see src/doctor/render.ts). */
void runScript(
  async (values) => {
    let fileEnv: Record<string, string> = {};
    const envFile = values['function-env'];
    if (envFile !== undefined) {
      // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
      const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), envFile);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new EnvironmentError(
          `--function-env ${envFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
      fileEnv = parseEnvFile(text, envFile);
    }
    const report = await runDoctor(
      { json: values.json ?? false, sendTest: values['send-test'] ?? false },
      {
        env: mergeEnv(process.env, fileEnv),
        fetch: globalThis.fetch,
        readFile: (relative) => readFile(path.join(ROOT, relative), 'utf8'),
        now: Date.now,
        sleep: (ms, signal) => systemClock.sleep(ms, signal),
        robotPost: httpsRobotPost,
      },
    );
    process.stdout.write(report.output);
    return report.exit;
  },
  { name: 'npm run doctor', command: { usage: DOCTOR_USAGE, options: DOCTOR_OPTIONS } },
);
