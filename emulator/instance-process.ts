import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { LOGS_WRITTEN_MARK } from './instance-logs';
import { versionOf } from './process-facts';
import { cloudRuntimeEnv, type RuntimeEnvOptions } from './runtime-env';

/** A DNS query or TCP connection the instance made, as its network trace saw it. */
export type NetworkEvent =
  { kind: 'dns'; call: string; host: string } | { kind: 'connect'; host?: string; port?: number; path?: string };

/** What the runner (runner.cjs) tells the emulator over IPC. */
export type RunnerMessage =
  | { type: 'ready'; node: string }
  | { type: 'load-failed'; error: string }
  | { type: 'result'; id: string; result: unknown }
  | { type: 'threw'; id: string; error: string }
  | { type: 'unhandled'; error: string }
  | { type: 'network'; event: NetworkEvent };

export interface ProcessOptions extends Omit<RuntimeEnvOptions, 'nodeVersion'> {
  /** The deployable folder: index.js exporting main. */
  functionDir: string;
  /** The Node binary playing the cloud runtime; the current one by default. */
  nodePath?: string | undefined;
  /** The emulator's group robots: posts to the robots' real hosts go there (see robot-redirect.cjs). */
  robotsUrl?: string | undefined;
}

const RUNNER = path.join(__dirname, 'runner.cjs');

/** The runner in a child process on the deployable folder, with the environment the cloud sets and only `PATH` besides. */
export function forkRunner(options: ProcessOptions): ChildProcess {
  return fork(RUNNER, [path.resolve(options.functionDir), LOGS_WRITTEN_MARK, options.robotsUrl ?? ''], {
    cwd: path.resolve(options.functionDir),
    env: {
      PATH: process.env.PATH ?? '',
      ...cloudRuntimeEnv({ ...options, nodeVersion: versionOf(options.nodePath) }),
    },
    execPath: options.nodePath ?? process.execPath,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
}

/** The Node version the function loaded on, once it has; or why it could not load (with its last log lines). */
export function loaded(child: ChildProcess, nodePath: string | undefined, lastLogs: () => string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let loadError = '';
    const onMessage = (message: RunnerMessage) => {
      if (message.type === 'load-failed') loadError = message.error;
      if (message.type !== 'ready') return;
      child.off('exit', onExit);
      resolve(message.node);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`the function failed to load (exit code ${code}): ${loadError || lastLogs().join(' | ')}`));
    // A Node binary that cannot be started (EMULATOR_NODE pointing nowhere) is an 'error' event, not an exit.
    const onError = (error: Error) =>
      reject(
        new Error(
          `cannot start the function's Node binary ${nodePath ?? process.execPath}: ${error.message}. Check EMULATOR_NODE (or nodePath).`,
        ),
      );
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}
