import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderEnvelope } from '../src/cli/render';
import type { BalancesEnvelope } from '../src/function/handler';
import { startEmulator } from '../src/emulator/emulator';
import { callers } from '../src/emulator/runtime';
import { parseModelStateText } from '../src/emulator/state';
import { buildFunction } from './build-function';
import { START_USAGE, parseStartArgs } from './start-args';

const ROOT = path.resolve(__dirname, '..');
const LOCAL_ADMIN_OPENID = 'oLocalAdmin0000000000000000';

/**
 * Builds the deployable function, runs it unmodified against the local cloud emulator, and invokes
 * it as an allowed admin would from the page. Only the result goes to stdout.
 */
async function start(argv: string[]): Promise<number> {
  const options = parseStartArgs(argv);
  if (options.help) {
    process.stdout.write(`${START_USAGE}\n`);
    return 0;
  }
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const userDir = process.env.INIT_CWD ?? process.cwd();
  const statePath = options.statePath === undefined ? path.join(ROOT, 'src/emulator/sample-state.json') : path.resolve(userDir, options.statePath);
  const state = parseModelStateText(await readText(statePath), statePath);
  // The same variable the test suites honour: run the function on another Node, such as the cloud's 16.
  const nodePath = process.env.EMULATOR_NODE ? path.resolve(userDir, process.env.EMULATOR_NODE) : undefined;
  // A code cache for this Node, as `npm run build` makes; on another EMULATOR_NODE the function says it has none.
  const built = await buildFunction({ rootDir: ROOT, codeCacheRuntimes: [{ node: process.execPath }] });
  process.stderr.write(`Built ${path.relative(process.cwd(), built.outDir) || '.'} (${(built.bundleBytes / 1024).toFixed(0)} KiB); running it in the local cloud emulator${nodePath ? ` on ${nodePath}` : ''} with ${path.relative(process.cwd(), statePath)}\n`);
  const emulator = await startEmulator({
    functionDir: built.outDir,
    state,
    functionEnv: { QUOTA_ADMIN_OPENIDS: LOCAL_ADMIN_OPENID },
    nodePath,
    onLog: (line) => process.stderr.write(`[getQuota] ${line}\n`),
  });
  try {
    const envelope = (await emulator.invoke(options.account ?? { all: true }, callers.user(LOCAL_ADMIN_OPENID))) as BalancesEnvelope;
    process.stdout.write(`${options.json ? JSON.stringify(envelope, null, 2) : renderEnvelope(envelope)}\n`);
    return envelope.ok ? 0 : 1;
  } finally {
    await emulator.close();
  }
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the state file ${file}: ${error.code ?? error.message}`);
  });
}

start(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)} (npm start -- --help lists the options)\n`);
    process.exitCode = 2;
  },
);
