import { EMULATED_CREDENTIALS } from './wechat-model';

/**
 * Who invokes the function. The cloud tells the function through environment variables, never
 * through the event; wx-server-sdk's getWXContext() reads them on every call.
 */
export interface InvocationCaller {
  /** The cloud's SOURCE (TCB_SOURCE): wx_client, wx_devtools, wx_trigger, wx_http, scf, …; absent in timer variant c. */
  source?: string | undefined;
  openId?: string;
  appId?: string;
  unionId?: string;
  /** False when the cloud leaves WX_CONTEXT_KEYS empty, so getWXContext() returns `{}` (timer variants b and c). */
  contextKeys?: boolean;
  /** TRIGGER_SRC, which @cloudbase/node-sdk reads to recognise a timer. */
  triggerSource?: string;
  /** WX_TRIGGER_API_TOKEN_V0, which the SDK never returns from getWXContext(). */
  triggerToken?: string;
  /** Set by the cloud for a cross-account call (resource sharing): the calling app and its user. */
  fromAppId?: string;
  fromOpenId?: string;
}

/**
 * The forms in which a timer run has been seen to arrive (see the reference's evidence):
 * (a) WX_CONTEXT_KEYS set and TCB_SOURCE=wx_trigger; (b) WX_CONTEXT_KEYS empty and TCB_SOURCE=wx_trigger;
 * (c) WX_CONTEXT_KEYS empty, no TCB_SOURCE, TRIGGER_SRC=timer with a trigger token.
 */
export type TimerVariant = 'a' | 'b' | 'c';
export const TIMER_VARIANTS: readonly TimerVariant[] = ['a', 'b', 'c'];

const APPID = EMULATED_CREDENTIALS.appId;
/** A mini-program user's OPENID made only of digits: getWXContext() hands it to the function as a number. */
export const NUMERIC_OPENID = '20240101000000000001';
const TRIGGER_TOKEN = 'emulatorTriggerApiToken0000000000000000';

function timer({ variant = 'a' }: { variant?: TimerVariant } = {}): InvocationCaller {
  switch (variant) {
    case 'a':
      return { source: 'wx_trigger', appId: APPID };
    case 'b':
      return { source: 'wx_trigger', appId: APPID, contextKeys: false };
    case 'c':
      return { contextKeys: false, triggerSource: 'timer', triggerToken: TRIGGER_TOKEN };
  }
}

export const callers = {
  user: (openId: string): InvocationCaller => ({ source: 'wx_client', openId, appId: APPID }),
  timer,
  httpApi: (): InvocationCaller => ({ source: 'wx_http', appId: APPID }),
  otherFunction: (): InvocationCaller => ({ source: 'scf', appId: APPID }),
};

const WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_FROM_OPENID,WX_FROM_APPID';

/**
 * The caller's variables for one invocation. Every key the runtime may set is present: `null`
 * means the cloud does not set it, so the runner deletes what an earlier invocation left.
 */
export function callerEnv(caller: InvocationCaller): Record<string, string | null> {
  const listed = caller.contextKeys !== false;
  return {
    WX_CONTEXT_KEYS: listed ? WX_CONTEXT_KEYS : '',
    TCB_SOURCE: caller.source ?? null,
    WX_OPENID: caller.openId ?? '',
    WX_APPID: caller.appId ?? '',
    WX_UNIONID: caller.unionId ?? '',
    WX_FROM_OPENID: caller.fromOpenId ?? '',
    WX_FROM_APPID: caller.fromAppId ?? '',
    TRIGGER_SRC: caller.triggerSource ?? null,
    WX_TRIGGER_API_TOKEN_V0: caller.triggerToken ?? null,
  };
}

export interface TimerEventOptions {
  /** `Timer` as in Tencent's example; lower-case `timer` has been seen too. */
  type?: 'Timer' | 'timer';
  triggerName?: string;
  /** ISO 8601 in UTC, as the platform writes it. */
  time?: string;
  message?: string;
}

/** The event a timer trigger delivers: `{ Type, TriggerName, Time, Message }`. */
export function timerEvent(options: TimerEventOptions = {}): Record<string, string> {
  return {
    Type: options.type ?? 'Timer',
    TriggerName: options.triggerName ?? 'dailyQuotaCheck',
    Time: options.time ?? '2026-11-29T01:00:00Z',
    Message: options.message ?? '',
  };
}
