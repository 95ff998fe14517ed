import type { ChildProcess } from 'node:child_process';
import { FUNCTION_TIMEOUT_MS } from '../src/core/time-limits';
import { canFreezeInstances } from './freezing';
import { mainThreadCpuMs, peakRssBytes } from './process-facts';
import { callerEnv, type InvocationCaller } from './invocation-context';
import { InvocationLedger, type InvocationOutcome } from './invocation-ledger';
import { FUNCTION_NAME } from '../src/contract/values';
import { DEFAULT_ENV_ID } from './runtime-env';
import { InstanceLogs } from './instance-logs';
import { forkRunner, loaded, type NetworkEvent, type ProcessOptions, type RunnerMessage } from './instance-process';

export { callers, type InvocationCaller } from './invocation-context';
export { EMULATED_SECRET_ID, EMULATED_SECRET_KEY, cloudRuntimeEnv } from './runtime-env';
export type { NetworkEvent } from './instance-process';

export interface FunctionInstanceOptions extends ProcessOptions {
  timeoutMs?: number | undefined;
  /** Each line the function writes to stdout or stderr. */
  onLog?: ((line: string) => void) | undefined;
  /** Shared by every instance of one emulator, and by its model; a private one by default. */
  ledger?: InvocationLedger | undefined;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One instance of the deployed function in a child process, with the runtime environment the cloud
 * sets. Like the cloud, it freezes the instance (SIGSTOP) as soon as no invocation is running, and
 * thaws it (SIGCONT) for the next: work an invocation left behind makes no progress in between
 * (not on Windows, which has no such signals: see canFreezeInstances).
 */
export class FunctionInstance {
  /** Each line the function wrote to stdout or stderr. */
  readonly logs: string[];
  readonly unhandledRejections: string[] = [];
  /** Every DNS query and TCP connection the instance made since it started. */
  readonly network: NetworkEvent[] = [];
  readonly ledger: InvocationLedger;
  readonly number: number;
  private readonly pending = new Map<string, Pending>();
  private readonly output: InstanceLogs;
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
    this.output = new InstanceLogs(options.onLog);
    this.logs = this.output.lines;
  }

  static async start(options: FunctionInstanceOptions): Promise<FunctionInstance> {
    const child = forkRunner(options);
    const instance = new FunctionInstance(child, options, options.ledger ?? new InvocationLedger());
    instance.collectOutput();
    instance.nodeVersion = await loaded(child, options.nodePath, () => instance.logs.slice(-5));
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
    if (this.pending.size > 0 || this.output.holdingAnswers || this.frozen || !this.alive()) return;
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
    this.output.read([this.child.stdout, this.child.stderr]);
    this.child.on('message', (message: RunnerMessage) => this.onMessage(message));
    this.child.on('exit', (code, signal) => {
      this.frozen = false;
      this.output.releaseAll();
      for (const id of [...this.pending.keys()]) {
        this.settle(id, 'crashed')?.reject(
          new Error(`the function's process exited (code ${code}, signal ${signal}) before invocation ${id} answered`),
        );
      }
    });
  }

  /**
   * Delivers an answer once the logs written before it are in `logs`; the instance freezes only then,
   * since a frozen process cannot flush what it wrote (the ledger has the answer's time already).
   */
  private afterLogs(id: string, deliver: () => void): void {
    this.output.afterLogs(id, () => {
      deliver();
      this.freezeIfIdle();
    });
  }

  private onMessage(message: RunnerMessage): void {
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
