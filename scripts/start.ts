import { FUNCTION_NAME } from '../src/contract/values';
import { credentialOf, parseRobotAddresses } from '../src/core/alerts/robots/robot-address';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentError } from '../src/cli/quota-target';
import { renderBalances } from '../src/cli/render';
import { UsageError, type ArgValues } from '../src/cli/strict-args';
import { judge } from '../src/cli/verdict';
import type { BalancesEnvelope } from '../src/contract/answers';
import { plantAlertSubscriptions } from '../emulator/alert-subscriptions';
import { startEmulator } from '../emulator/emulator';
import { timerEvent } from '../emulator/invocation-context';
import { stateHistoryDocuments } from '../emulator/stored-history';
import { WechatModel } from '../emulator/wechat-model';
import { HISTORY_COLLECTION } from '../src/contract/values';
import { callers } from '../emulator/runtime';
import { parseModelStateText, type ModelState } from '../emulator/state';
import { buildFunction } from './build/build-function';
import { describeFunctionVariables, functionVariables } from './function-variables';
import { renderTimerRun } from './render-timer-run';
import { runScript } from './run-script';
import { START_COMMAND, startOptions, type StartOptions } from './start-args';

const ROOT = path.resolve(__dirname, '..');
const LOCAL_ADMIN_OPENID = 'oLocalAdmin0000000000000000';

/**
 * Builds the deployable function, runs it unmodified against the local cloud emulator, and invokes
 * it as an allowed admin would from the page. Only the result goes to stdout.
 */
async function start(values: ArgValues<typeof START_COMMAND.options>): Promise<number> {
  const options = startOptions(values);
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const userDir = process.env.INIT_CWD ?? process.cwd();
  const statePath =
    options.statePath === undefined
      ? path.join(ROOT, 'emulator/sample-state.json')
      : path.resolve(userDir, options.statePath);
  const stateText = await readText(statePath);
  const state = usage(() => parseModelStateText(stateText, statePath));
  // The same variable the test suites honour: run the function on another Node, such as the cloud's 16.
  const nodePath = process.env.EMULATOR_NODE ? path.resolve(userDir, process.env.EMULATOR_NODE) : undefined;
  if (nodePath) await assertRunnable(nodePath);
  // Built apart from cloudfunctions/getQuota/, which is what DevTools uploads: a local run never changes
  // what gets deployed. A code cache for this Node, as `npm run build` makes; on another EMULATOR_NODE the
  // function says it has none.
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-start-'));
  try {
    return await runLocally(options, state, statePath, nodePath, workDir);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function runLocally(
  options: StartOptions,
  state: ModelState,
  statePath: string,
  nodePath: string | undefined,
  workDir: string,
): Promise<number> {
  const built = await buildFunction({
    rootDir: ROOT,
    outDir: path.join(workDir, FUNCTION_NAME),
    codeCacheRuntimes: [{ node: process.execPath }],
  });
  process.stderr.write(
    `Built the function (${(built.bundleBytes / 1024).toFixed(0)} KiB, apart from cloudfunctions/getQuota/); ` +
      `running it in the local cloud emulator${nodePath ? ` on ${nodePath}` : ''} ` +
      `with ${path.relative(process.cwd(), statePath)}\n`,
  );
  const variables = functionVariables(process.env);
  process.stderr.write(`${describeFunctionVariables(variables)}\n`);
  // The local admin always may call; admins named in the shell are alerted too.
  const functionEnv = {
    ...variables,
    QUOTA_ADMIN_OPENIDS: [LOCAL_ADMIN_OPENID, variables.QUOTA_ADMIN_OPENIDS].filter(Boolean).join(','),
  };
  const model = new WechatModel(state);
  // A month of history, as the timer would have left it: days left on the page, a trend to draw.
  model.database.plant(HISTORY_COLLECTION, stateHistoryDocuments(state));
  plantAlertSubscriptions(model, functionEnv, 1);
  // The robots named in QUOTA_ALERT_WEBHOOKS exist locally, with the secrets given: the digest is accepted and shown.
  for (const channel of parseRobotAddresses(variables.QUOTA_ALERT_WEBHOOKS).channels)
    model.robots.add({ kind: channel.kind, key: credentialOf(channel), secret: channel.secret });
  const emulator = await startEmulator({
    functionDir: built.outDir,
    model,
    functionEnv,
    nodePath,
    onLog: (line) => process.stderr.write(`[getQuota] ${line}\n`),
  });
  try {
    const envelope = (await (options.timer
      ? emulator.invoke(timerEvent(), callers.timer())
      : emulator.invoke(options.account ?? { all: true }, callers.user(LOCAL_ADMIN_OPENID)))) as BalancesEnvelope;
    // The exit rule of `npm run quota`: 1 when the call failed or an account's live balance could not be
    // read. A failed call is said once, by the reason line on stderr, not again as a table on stdout.
    const verdict = judge(envelope, undefined);
    if (options.json) process.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`);
    else if (envelope.ok)
      process.stdout.write(
        `${options.timer ? renderTimerRun(envelope.data, model.subscriptions.sent, model.robots.received) : renderBalances(envelope.data)}\n`,
      );
    const traffic = emulator.model.invocations.records.at(-1)?.database;
    if (traffic)
      process.stderr.write(
        `Cloud database: ${traffic.calls} calls, ${(traffic.bytesReceived / 1024).toFixed(1)} KiB read, ` +
          `${(traffic.bytesSent / 1024).toFixed(1)} KiB sent\n`,
      );
    if (verdict.reason) process.stderr.write(`npm start: ${verdict.reason}\n`);
    return verdict.exit;
  } finally {
    await emulator.close();
  }
}

/** A bad argument is the user's to fix: said as a usage error (exit status 2). */
function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Checked before the build, so that a wrong EMULATOR_NODE is said as the setting it is (exit status 2). */
async function assertRunnable(nodePath: string): Promise<void> {
  await access(nodePath, constants.X_OK).catch((error: NodeJS.ErrnoException) => {
    throw new EnvironmentError(
      `cannot start the function's Node binary ${nodePath}: ${error.code ?? error.message}. Check EMULATOR_NODE.`,
    );
  });
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read the state file ${file}: ${error.code ?? error.message}`);
  });
}

void runScript(start, { name: 'npm start', command: START_COMMAND });
