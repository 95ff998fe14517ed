import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { FUNCTION_TIMEOUT_MS } from '../src/core/time-limits';
import { canFreezeInstances } from './freezing';
import { mainThreadCpuMs, peakRssBytes, versionOf } from './process-facts';
import { callerEnv, type InvocationCaller } from './invocation-context';
import { InvocationLedger, type InvocationOutcome } from './invocation-ledger';
import { FUNCTION_NAME } from '../src/function/function-name';
import { DEFAULT_ENV_ID, cloudRuntimeEnv, type RuntimeEnvOptions } from './runtime-env';

export { callers, type InvocationCaller } from './invocation-context';
export { EMULATED_SECRET_ID, EMULATED_SECRET_KEY, cloudRuntimeEnv } from './runtime-env';

export interface FunctionInstanceOptions extends Omit<RuntimeEnvOptions, 'nodeVersion'> {
  /** The deployable folder: index.js exporting main. */
  functionDir: string;
  /** The Node binary playing the cloud runtime; the current one by default. */
  nodePath?: string | undefined;
  timeoutMs?: number | undefined;
  /** Each line the function writes to stdout or stderr. */
  onLog?: ((line: string) => void) | undefined;
  /** Shared by every instance of one emulator, and by its model; a private one by default. */
  ledger?: InvocationLedger | undefined;
  /** The emulator's group robots: posts to the robots' real hosts go there (see robot-redirect.cjs). */
  robotsUrl?: string | undefined;
}

/** A DNS query or TCP connection the instance made, as its network trace saw it. */
export type NetworkEvent =
  { kind: 'dns'; call: string; host: string } | { kind: 'connect'; host?: string; port?: number; path?: string };

type ChildMessage =
  | { type: 'ready'; node: string }
  | { type: 'load-failed'; error: string }
  | { type: 'result'; id: string; result: unknown }
  | { type: 'threw'; id: string; error: string }
  | { type: 'unhandled'; error: string }
  | { type: 'network'; event: NetworkEvent };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const RUNNER = path.join(__dirname, 'runner.cjs');
/**
 * The runner writes this line, then the invocation's id, on stdout and on stderr just before each answer:
 * the answer travels over IPC and the logs over pipes, so an answer is handed over only once the lines
 * logged before it have arrived too.
 */
const LOGS_WRITTEN_MARK = '#emulator: logs written before the answer to ';
const LOG_STREAMS = 2;
/** Never hold an answer longer than this for its log lines (a stream the function closed, say). */
const LOG_WAIT_LIMIT_MS = 1_000;

/**
 * One instance of the deployed function in a child process, with the runtime environment the cloud
 * sets. Like the cloud, it freezes the instance (SIGSTOP) as soon as no invocation is running, and
 * thaws it (SIGCONT) for the next: work an invocation left behind makes no progress in between
 * (not on Windows, which has no such signals: see canFreezeInstances).
 */
export class FunctionInstance {
  readonly logs: string[] = [];
  readonly unhandledRejections: string[] = [];
  /** Every DNS query and TCP connection the instance made since it started. */
  readonly network: NetworkEvent[] = [];
  readonly ledger: InvocationLedger;
  readonly number: number;
  private readonly pending = new Map<string, Pending>();
  /** How many streams have marked their logs written, by invocation; and answers waiting for that. */
  private readonly logMarks = new Map<string, number>();
  private readonly waitingForLogs = new Map<string, () => void>();
  private sequence = 0;
  private frozen = false;
  nodeVersion = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: FunctionInstanceOptions,
    ledger: InvocationLedger,
  ) {
    this.ledger = ledger;
    this.number = ledger.nextInstance();
  }

  static async start(options: FunctionInstanceOptions): Promise<FunctionInstance> {
    const child = fork(RUNNER, [path.resolve(options.functionDir), LOGS_WRITTEN_MARK, options.robotsUrl ?? ''], {
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
    const instance = new FunctionInstance(child, options, options.ledger ?? new InvocationLedger());
    instance.collectOutput();
    await instance.ready();
    instance.freezeIfIdle();
    return instance;
  }

  /** Whether the instance is frozen now (no invocation running). */
  get isFrozen(): boolean {
    return this.frozen;
  }

  invoke(event: unknown, caller: InvocationCaller): Promise<unknown> {
    this.sequence += 1;
    const { id } = this.ledger.begin(this.number, this.sequence, event);
    const timeoutMs = this.options.timeoutMs ?? FUNCTION_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(id, 'timed out');
        reject(
          new Error(
            `the function did not answer within its ${timeoutMs} ms timeout (the cloud would fail the invocation)`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.thaw();
      const context = {
        request_id: `emulator-${id}`,
        function_name: FUNCTION_NAME,
        function_version: '$LATEST',
        namespace: this.options.envId ?? DEFAULT_ENV_ID,
        time_limit_in_ms: timeoutMs,
        memory_limit_in_mb: 256,
      };
      this.child.send({ type: 'invoke', id, event, context, callerEnv: callerEnv(caller) });
    });
  }

  /** The function process's peak resident memory so far, where the OS tells it (Linux). */
  peakRssBytes(): number | undefined {
    return peakRssBytes(this.child.pid);
  }

  /** CPU time the function process's main thread has used so far, where the OS tells it (Linux). */
  mainThreadCpuMs(): number | undefined {
    return mainThreadCpuMs(this.child.pid);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.thaw();
    this.child.kill();
    await exited;
  }

  /** Ends an invocation for the platform: ledger, pending call, and the freeze once nothing runs. */
  private settle(id: string, outcome: InvocationOutcome): Pending | undefined {
    const call = this.pending.get(id);
    this.pending.delete(id);
    if (call) clearTimeout(call.timer);
    this.ledger.end(id, outcome);
    this.freezeIfIdle();
    return call;
  }

  private freezeIfIdle(): void {
    if (this.pending.size > 0 || this.waitingForLogs.size > 0 || this.frozen || !this.alive()) return;
    if (!canFreezeInstances()) return;
    this.frozen = this.child.kill('SIGSTOP');
  }

  private thaw(): void {
    if (!this.frozen) return;
    this.frozen = false;
    if (this.alive()) this.child.kill('SIGCONT');
  }

  private alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private collectOutput(): void {
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let buffered = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const mark = line.indexOf(LOGS_WRITTEN_MARK);
          const text = mark === -1 ? line : line.slice(0, mark);
          if (mark === -1 || text !== '') {
            this.logs.push(text);
            this.options.onLog?.(text);
          }
          if (mark !== -1) this.onLogsWritten(line.slice(mark + LOGS_WRITTEN_MARK.length));
        }
      });
    }
    this.child.on('message', (message: ChildMessage) => this.onMessage(message));
    this.child.on('exit', (code, signal) => {
      this.frozen = false;
      for (const deliver of [...this.waitingForLogs.values()]) deliver();
      for (const id of [...this.pending.keys()]) {
        this.settle(id, 'crashed')?.reject(
          new Error(`the function's process exited (code ${code}, signal ${signal}) before invocation ${id} answered`),
        );
      }
    });
  }

  private ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      let loadError = '';
      const onMessage = (message: ChildMessage) => {
        if (message.type === 'load-failed') loadError = message.error;
        if (message.type !== 'ready') return;
        this.nodeVersion = message.node;
        this.child.off('exit', onExit);
        resolve();
      };
      const onExit = (code: number | null) =>
        reject(
          new Error(`the function failed to load (exit code ${code}): ${loadError || this.logs.slice(-5).join(' | ')}`),
        );
      // A Node binary that cannot be started (EMULATOR_NODE pointing nowhere) is an 'error' event, not an exit.
      const onError = (error: Error) =>
        reject(
          new Error(
            `cannot start the function's Node binary ${this.options.nodePath ?? process.execPath}: ${error.message}. Check EMULATOR_NODE (or nodePath).`,
          ),
        );
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.once('error', onError);
    });
  }

  private onLogsWritten(id: string): void {
    const streams = (this.logMarks.get(id) ?? 0) + 1;
    this.logMarks.set(id, streams);
    if (streams >= LOG_STREAMS) this.waitingForLogs.get(id)?.();
  }

  /**
   * Delivers an answer once the logs written before it are in `logs`; the instance freezes only then,
   * since a frozen process cannot flush what it wrote (the ledger has the answer's time already).
   */
  private afterLogs(id: string, deliver: () => void): void {
    const once = () => {
      clearTimeout(limit);
      this.waitingForLogs.delete(id);
      this.logMarks.delete(id);
      deliver();
      this.freezeIfIdle();
    };
    const limit = setTimeout(once, LOG_WAIT_LIMIT_MS);
    if ((this.logMarks.get(id) ?? 0) >= LOG_STREAMS) once();
    else this.waitingForLogs.set(id, once);
  }

  private onMessage(message: ChildMessage): void {
    switch (message.type) {
      case 'unhandled':
        this.unhandledRejections.push(message.error);
        return;
      case 'network':
        this.network.push(message.event);
        return;
      case 'result': {
        const call = this.pending.get(message.id);
        if (call) this.afterLogs(message.id, () => call.resolve(message.result));
        this.settle(message.id, 'answered');
        return;
      }
      case 'threw': {
        const call = this.pending.get(message.id);
        if (call) this.afterLogs(message.id, () => call.reject(new Error(`main threw: ${message.error}`)));
        this.settle(message.id, 'threw');
        return;
      }
      default:
        return;
    }
  }
}
