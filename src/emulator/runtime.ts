import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_TIMEOUT_MS } from '../core/budget';
import { EMULATED_CREDENTIALS } from './wechat-model';

/** Who invokes the function: the cloud tells the function through these, never through the event. */
export interface InvocationCaller {
  /** The cloud's SOURCE: wx_client, wx_devtools, wx_trigger, wx_http, scf, … */
  source: string;
  openId?: string;
  appId?: string;
  unionId?: string;
  /** Set by the cloud for a cross-account call (resource sharing): the calling app and its user. */
  fromAppId?: string;
  fromOpenId?: string;
}

const EMULATED_APPID = EMULATED_CREDENTIALS.appId;
/** Distinctive, so that tests can prove they never appear in a result or a log. */
export const EMULATED_SECRET_ID = 'AKIDemulatorSecretId0000000000000';
export const EMULATED_SECRET_KEY = 'emulatorSecretKey0000000000000000';

export const callers = {
  user: (openId: string): InvocationCaller => ({ source: 'wx_client', openId, appId: EMULATED_APPID }),
  timer: (): InvocationCaller => ({ source: 'wx_trigger', appId: EMULATED_APPID }),
  httpApi: (): InvocationCaller => ({ source: 'wx_http', appId: EMULATED_APPID }),
  otherFunction: (): InvocationCaller => ({ source: 'scf', appId: EMULATED_APPID }),
};

export interface FunctionInstanceOptions {
  /** The deployable folder: index.js exporting main. */
  functionDir: string;
  /** Where the SDK sends open-API calls (the cloud server's admin URL). */
  adminUrl: string;
  envId?: string;
  /** The function's environment variables, as set in the cloud console. */
  functionEnv?: Record<string, string>;
  /** The Node binary playing the cloud runtime; the current one by default. */
  nodePath?: string;
  timeoutMs?: number;
  /** Each line the function writes to stdout or stderr. */
  onLog?: (line: string) => void;
}

type ChildMessage =
  | { type: 'ready'; node: string }
  | { type: 'load-failed'; error: string }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'threw'; id: number; error: string }
  | { type: 'unhandled'; error: string };

const RUNNER = path.join(__dirname, 'runner.cjs');

/** The environment the cloud sets for a function instance, as wx-server-sdk reads it. */
export function cloudRuntimeEnv(options: Pick<FunctionInstanceOptions, 'adminUrl' | 'envId' | 'functionEnv'>): Record<string, string> {
  const envId = options.envId ?? 'emulator-env';
  return {
    ...options.functionEnv,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: options.adminUrl }),
    // The SDK refuses to run without credentials; the emulator ignores their values.
    TENCENTCLOUD_SECRETID: EMULATED_SECRET_ID,
    TENCENTCLOUD_SECRETKEY: EMULATED_SECRET_KEY,
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TCB_CONTEXT_KEYS: 'TCB_ENV',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_FROM_OPENID,WX_FROM_APPID',
    TZ: 'Asia/Shanghai',
  };
}

export function callerEnv(caller: InvocationCaller): Record<string, string> {
  return {
    TCB_SOURCE: caller.source,
    WX_OPENID: caller.openId ?? '',
    WX_APPID: caller.appId ?? '',
    WX_UNIONID: caller.unionId ?? '',
    WX_FROM_OPENID: caller.fromOpenId ?? '',
    WX_FROM_APPID: caller.fromAppId ?? '',
  };
}

/**
 * One warm instance of the deployed function in a child process, with the runtime environment the
 * cloud sets. Invocations may overlap; each answers or fails on its own, within the function timeout.
 */
export class FunctionInstance {
  readonly logs: string[] = [];
  readonly unhandledRejections: string[] = [];
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private nextId = 1;
  nodeVersion = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: FunctionInstanceOptions,
  ) {}

  static async start(options: FunctionInstanceOptions): Promise<FunctionInstance> {
    const child = fork(RUNNER, [path.resolve(options.functionDir)], {
      cwd: path.resolve(options.functionDir),
      env: { PATH: process.env.PATH ?? '', ...cloudRuntimeEnv(options) },
      execPath: options.nodePath ?? process.execPath,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const instance = new FunctionInstance(child, options);
    instance.collectOutput();
    await instance.ready();
    return instance;
  }

  invoke(event: unknown, caller: InvocationCaller): Promise<unknown> {
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? FUNCTION_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the function did not answer within its ${timeoutMs} ms timeout (the cloud would fail the invocation)`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const context = { request_id: `emulator-${id}`, function_name: 'getQuota', namespace: this.options.envId ?? 'emulator-env', time_limit_in_ms: timeoutMs, memory_limit_in_mb: 256 };
      this.child.send({ type: 'invoke', id, event, context, callerEnv: callerEnv(caller) });
    });
  }

  /** The function process's peak resident memory so far, where the OS tells it (Linux). */
  peakRssBytes(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kib === undefined ? undefined : Number(kib) * 1024;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill();
    await exited;
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
          this.logs.push(line);
          this.options.onLog?.(line);
        }
      });
    }
    this.child.on('message', (message: ChildMessage) => this.onMessage(message));
    this.child.on('exit', (code, signal) => {
      for (const [id, call] of this.pending) {
        clearTimeout(call.timer);
        call.reject(new Error(`the function's process exited (code ${code}, signal ${signal}) before invocation ${id} answered`));
      }
      this.pending.clear();
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
      const onExit = (code: number | null) => reject(new Error(`the function failed to load (exit code ${code}): ${loadError || this.logs.slice(-5).join(' | ')}`));
      // A Node binary that cannot be started (EMULATOR_NODE pointing nowhere) is an 'error' event, not an exit.
      const onError = (error: Error) =>
        reject(new Error(`cannot start the function's Node binary ${this.options.nodePath ?? process.execPath}: ${error.message}. Check EMULATOR_NODE (or nodePath).`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.once('error', onError);
    });
  }

  private onMessage(message: ChildMessage): void {
    if (message.type === 'unhandled') {
      this.unhandledRejections.push(message.error);
      return;
    }
    if (message.type === 'ready' || message.type === 'load-failed') return;
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    clearTimeout(call.timer);
    if (message.type === 'result') call.resolve(message.result);
    else call.reject(new Error(`main threw: ${message.error}`));
  }
}
