import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildFunction } from '../build/build-function';
import { median, ms, table } from './stats';

/** Build time (median of `builds`) and one full test-suite run, timed. */
export async function measureBuildAndTests(rootDir: string, workDir: string, builds: number): Promise<string> {
  const buildTimes: number[] = [];
  for (let run = 0; run < builds; run += 1) {
    const started = performance.now();
    await buildFunction({ rootDir, outDir: path.join(workDir, `build-${run}`) });
    buildTimes.push(performance.now() - started);
  }
  const started = performance.now();
  const output = runSuite(rootDir);
  const suiteMs = performance.now() - started;
  const summary = /tests: (\d+) passed, (\d+) failed/.exec(output);
  return table(
    ['what', 'time'],
    [
      [`npm run build (esbuild + permission check), median of ${builds}`, ms(median(buildTimes))],
      [
        `the whole jest suite (${summary ? `${summary[1]} tests passed, ${summary[2]} failed` : 'see output'})`,
        `${(suiteMs / 1000).toFixed(1)} s`,
      ],
    ],
  );
}

/** The suite's output; a failing test is reported in the table (its count), not fatal to the whole bench. */
function runSuite(rootDir: string): string {
  try {
    return execFileSync(path.join(rootDir, 'node_modules', '.bin', 'jest'), ['--silent'], {
      cwd: rootDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  } catch (error) {
    const { stdout } = error as { stdout?: Buffer };
    if (stdout === undefined) throw error;
    return stdout.toString();
  }
}
