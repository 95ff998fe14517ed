import { forbidden } from '../../core/errors/forbidden';
import type { Caller } from './authorize';
import { readCaller } from './wx-context';

/** What the platform says about an invocation: wx-server-sdk's getWXContext() and the process environment. */
export interface PlatformContext {
  context: Record<string, unknown>;
  env: Readonly<Record<string, string | undefined>>;
}

export const TIMER_SOURCE = 'wx_trigger';

const text = (value: string | undefined) => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

/**
 * Who invoked the function, from the platform only, never from the event. getWXContext() is `{}` when
 * the cloud leaves WX_CONTEXT_KEYS empty; then TCB_SOURCE says the source, and a timer run with neither
 * is recognised as @cloudbase/node-sdk does: TRIGGER_SRC=timer, with no user.
 */
export function platformCaller({ context, env }: PlatformContext): Caller {
  const caller = readCaller(context, env);
  const noUser = caller.openId === undefined && text(env.WX_OPENID) === undefined;
  const source =
    text(caller.source) ?? text(env.TCB_SOURCE) ?? (env.TRIGGER_SRC === 'timer' && noUser ? TIMER_SOURCE : undefined);
  return { ...caller, source };
}

/** Only the function's own timer trigger runs alerts: the whole SOURCE is wx_trigger (a chain through another function is not). */
export function assertTimerCaller(caller: Caller): void {
  if (caller.source?.trim() === TIMER_SOURCE) return;
  throw forbidden(
    { reason: 'not-timer' },
    `A timer-shaped event came from source "${caller.source?.trim() || 'unknown'}": ` +
      `only the function's own timer trigger runs the low-balance alerts. ` +
      `Send {"all":true} to read every balance.`,
  );
}
