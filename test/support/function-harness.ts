import type { Logger, LogFields } from '../../src/core/logger';
import sampleState from '../../src/emulator/sample-state.json';
import { createInProcessOpenApi } from '../../src/emulator/in-process-openapi';
import type { ModelStateInput } from '../../src/emulator/state';
import { WechatModel } from '../../src/emulator/wechat-model';
import type { Caller } from '../../src/function/authorize';
import { createHandler } from '../../src/function/handler';
import { FakeClock } from './fake-clock';
import { MapAlertMemory } from './map-alert-memory';
import { plantAlertSubscriptions } from './subscriptions';

export const ADMIN_OPENID = 'oAdmin000000000000000000001';

export interface HarnessOptions {
  state?: ModelStateInput;
  source?: string;
  openId?: string;
  /** More of what the cloud says about the caller, such as a cross-account call's FROM_APPID. */
  caller?: Omit<Caller, 'openId' | 'source'>;
  admins?: string | undefined;
  /** More of the function's environment variables. */
  env?: Record<string, string>;
  random?: number;
  memory?: MapAlertMemory;
  /** Acceptances of the alert template each admin has in the model; see plantAlertSubscriptions. */
  acceptances?: number;
}

export interface LogLine {
  level: 'info' | 'warn';
  message: string;
  fields: LogFields | undefined;
}

/** The function's handler wired to the in-process WeChat model, a virtual clock and a captured log. */
export function functionHarness(options: HarnessOptions = {}) {
  const model = new WechatModel(options.state ?? (sampleState as ModelStateInput));
  const clock = new FakeClock(undefined, options.random ?? 0.5);
  const logs: LogLine[] = [];
  const log: Logger = {
    info: (message, fields) => logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
  };
  const memory = options.memory ?? new MapAlertMemory();
  const env = { ...options.env, QUOTA_ADMIN_OPENIDS: 'admins' in options ? options.admins : ADMIN_OPENID };
  plantAlertSubscriptions(model, env, options.acceptances);
  const main = createHandler({
    ...createInProcessOpenApi(model, clock),
    alertMemory: memory,
    getCaller: () => ({ ...options.caller, openId: options.openId ?? ADMIN_OPENID, source: options.source ?? 'wx_client' }),
    env,
    clock,
    log,
  });
  const invoke = (event: unknown) => clock.run(main(event));
  return { model, clock, logs, memory, invoke };
}
