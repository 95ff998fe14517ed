import * as z from 'zod';
import { describeIssues } from '../core/describe-issues';
import { QuotaError } from '../core/errors';
import { ErrorCode } from '../contract/errors';
import { once } from '../core/memo';
import { accountKeySchema, bizIdSchema, deliveryIdSchema } from '../core/params';
import { MAX_HISTORY_DAYS } from '../contract/values';

/** What an invocation asks for, once its event has been validated. */
export type QuotaRequest =
  | { kind: 'single'; deliveryId: string; bizId: string }
  | { kind: 'all' }
  | { kind: 'history'; deliveryId: string; bizId: string; days: number }
  | { kind: 'timer'; triggerName: string }
  | { kind: 'robot-test' };

// The other requests' schemas are built on first use: a single-account query, the usual cold start, needs none of them.
const allEventSchema = once(() =>
  z.strictObject({ all: z.literal(true, { error: 'must be true to list every bound account' }) }),
);

const robotTestEventSchema = once(() =>
  z.strictObject({
    testAlertChannels: z.literal(true, { error: 'must be true to send a test message to every group robot' }),
  }),
);

/** Timer events say `"Type": "Timer"`; lower case has been seen too. */
const TIMER_TYPES: readonly unknown[] = ['Timer', 'timer'];

/**
 * The event a timer trigger delivers; only `Type` and `TriggerName` matter here, and keys we do not
 * know (`Message`, future ones) are accepted. The event never proves who sent it: the platform does.
 */
const timerEventSchema = once(() =>
  z.looseObject({ Type: z.enum(['Timer', 'timer']), TriggerName: z.string(), Time: z.string().optional() }),
);

/** Whether an event claims to be a timer run, so that a refusal of it can be logged as the attack or mistake it is. */
export function isTimerShaped(event: unknown): boolean {
  return typeof event === 'object' && event !== null && TIMER_TYPES.includes((event as Record<string, unknown>).Type);
}

const historyEventSchema = once(() =>
  z.strictObject({
    history: z.strictObject(
      {
        deliveryId: deliveryIdSchema,
        bizId: bizIdSchema,
        days: z
          .number({ error: `must be a whole number of days from 1 to ${MAX_HISTORY_DAYS}` })
          .int(`must be a whole number of days from 1 to ${MAX_HISTORY_DAYS}`)
          .min(1, `must be at least 1`)
          .max(MAX_HISTORY_DAYS, `must be at most ${MAX_HISTORY_DAYS}: the history keeps about a month`)
          .default(MAX_HISTORY_DAYS),
      },
      {
        error: (issue) =>
          issue.code === 'invalid_type'
            ? 'must be an object such as {"deliveryId":"YTO","bizId":"<customer code>","days":30}'
            : undefined,
      },
    ),
  }),
);

const USAGE =
  'Send {"deliveryId":"YTO","bizId":"<customer code>"} for one account, ' +
  '{"all":true} for every bound account, ' +
  '{"history":{"deliveryId":"YTO","bizId":"<customer code>","days":30}} for one account\'s balance history, ' +
  'or {"testAlertChannels":true} (admins) to send a test message to the group robots.';

/**
 * Validates an invocation's event. `userInfo`, which wx.cloud.callFunction adds to every event, is
 * ignored (identity comes from the cloud's context, never from the event).
 */
export function parseEvent(event: unknown): QuotaRequest {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw invalid(
      `the event must be a JSON object, got ${event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event}`,
    );
  }
  const fields = Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'userInfo'));
  if (isTimerShaped(fields)) {
    const timer = timerEventSchema().safeParse(fields);
    if (!timer.success) throw invalid(describeIssues(timer.error));
    return { kind: 'timer', triggerName: timer.data.TriggerName };
  }
  if ('all' in fields) {
    const all = allEventSchema().safeParse(fields);
    if (!all.success) throw invalid(describeIssues(all.error));
    return { kind: 'all' };
  }
  if ('testAlertChannels' in fields) {
    const test = robotTestEventSchema().safeParse(fields);
    if (!test.success) throw invalid(describeIssues(test.error));
    return { kind: 'robot-test' };
  }
  if ('history' in fields) {
    const history = historyEventSchema().safeParse(fields);
    if (!history.success) throw invalid(describeIssues(history.error));
    return { kind: 'history', ...history.data.history };
  }
  const single = accountKeySchema.safeParse(fields);
  if (!single.success) throw invalid(describeIssues(single.error));
  return { kind: 'single', deliveryId: single.data.deliveryId, bizId: single.data.bizId };
}

function invalid(detail: string): QuotaError {
  return new QuotaError(ErrorCode.INVALID_INPUT, `Invalid event: ${detail}. ${USAGE}`);
}
