import * as z from 'zod';
import { describeIssues } from '../core/errors/describe-issues';
import { bizIdSchema, deliveryIdSchema } from '../core/accounts/params';
import { MAX_HISTORY_DAYS } from '../contract/values';
import { invalidEvent, type OtherEvent, type OtherRequest } from './event';

// The events of every request but a single account's, validated here: only the module the handler loads
// for those requests imports this file, so a cold start that answers one account never builds these schemas.

const allEventSchema = z.strictObject({ all: z.literal(true, { error: 'must be true to list every bound account' }) });

const robotTestEventSchema = z.strictObject({
  testAlertChannels: z.literal(true, { error: 'must be true to send a test message to every group robot' }),
});

/**
 * The event a timer trigger delivers; only `Type` and `TriggerName` matter here, and keys we do not
 * know (`Message`, future ones) are accepted. The event never proves who sent it: the platform does.
 */
const timerEventSchema = z.looseObject({
  Type: z.enum(['Timer', 'timer']),
  TriggerName: z.string(),
  Time: z.string().optional(),
});

const DAYS_RULE = `must be a whole number of days from 1 to ${MAX_HISTORY_DAYS}`;

const historyEventSchema = z.strictObject({
  history: z.strictObject(
    {
      deliveryId: deliveryIdSchema,
      bizId: bizIdSchema,
      days: z
        .number({ error: DAYS_RULE })
        .int(DAYS_RULE)
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
});

/** Validates an event that readEvent (event.ts) found to ask for one of the other requests. */
export function parseOtherEvent({ asks, fields }: OtherEvent): OtherRequest {
  switch (asks) {
    case 'timer':
      return { kind: 'timer', triggerName: parsed(timerEventSchema, fields).TriggerName };
    case 'all':
      parsed(allEventSchema, fields);
      return { kind: 'all' };
    case 'robot-test':
      parsed(robotTestEventSchema, fields);
      return { kind: 'robot-test' };
    case 'history':
      return { kind: 'history', ...parsed(historyEventSchema, fields).history };
  }
}

function parsed<T>(schema: z.ZodType<T>, fields: unknown): T {
  const result = schema.safeParse(fields);
  if (!result.success) throw invalidEvent(describeIssues(result.error));
  return result.data;
}
