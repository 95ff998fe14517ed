import { describeIssues } from '../core/errors/describe-issues';
import { QuotaError } from '../core/errors/errors';
import { ErrorCode } from '../contract/errors';
import { accountKeySchema } from '../core/accounts/params';

/** What an invocation asks for, once its event has been validated. */
export type QuotaRequest =
  | { kind: 'single'; deliveryId: string; bizId: string }
  | { kind: 'all' }
  | { kind: 'history'; deliveryId: string; bizId: string; days: number }
  | { kind: 'timer'; triggerName: string }
  | { kind: 'robot-test' };

/** Every request but a single account's: the module that answers them also validates their events (other-events.ts). */
export type OtherRequest = Exclude<QuotaRequest, { kind: 'single' }>;

/** An event for one of the other requests: which one it asks for, and its fields, not validated yet. */
export interface OtherEvent {
  asks: OtherRequest['kind'];
  fields: Readonly<Record<string, unknown>>;
}

/** Timer events say `"Type": "Timer"`; lower case has been seen too. */
const TIMER_TYPES: readonly unknown[] = ['Timer', 'timer'];

/** The key that names each other request, in the order they are told apart after a timer's. */
const OTHER_KEYS = [
  ['all', 'all'],
  ['testAlertChannels', 'robot-test'],
  ['history', 'history'],
] as const;

/** Whether an event claims to be a timer run, so that a refusal of it can be logged as the attack or mistake it is. */
export function isTimerShaped(event: unknown): boolean {
  return typeof event === 'object' && event !== null && TIMER_TYPES.includes((event as Record<string, unknown>).Type);
}

const USAGE =
  'Send {"deliveryId":"YTO","bizId":"<customer code>"} for one account, ' +
  '{"all":true} for every bound account, ' +
  '{"history":{"deliveryId":"YTO","bizId":"<customer code>","days":30}} for one account\'s balance history, ' +
  'or {"testAlertChannels":true} (admins) to send a test message to the group robots.';

/**
 * Reads an invocation's event: a single account's query validated, any other request told apart by
 * its key and left to other-events.ts, which only the requests that need it load. `userInfo`, which
 * wx.cloud.callFunction adds to every event, is ignored (identity comes from the cloud's context,
 * never from the event).
 */
export function readEvent(event: unknown): Extract<QuotaRequest, { kind: 'single' }> | OtherEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw invalidEvent(
      `the event must be a JSON object, got ${event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event}`,
    );
  }
  const fields = Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'userInfo'));
  const asks = isTimerShaped(fields) ? 'timer' : OTHER_KEYS.find(([key]) => key in fields)?.[1];
  if (asks !== undefined) return { asks, fields };
  const single = accountKeySchema.safeParse(fields);
  if (!single.success) throw invalidEvent(describeIssues(single.error));
  return { kind: 'single', deliveryId: single.data.deliveryId, bizId: single.data.bizId };
}

/** The refusal of an event that asks for nothing this function answers, with what it does answer. */
export function invalidEvent(detail: string): QuotaError {
  return new QuotaError(ErrorCode.INVALID_INPUT, `Invalid event: ${detail}. ${USAGE}`);
}
