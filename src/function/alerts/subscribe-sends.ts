import { callWithinBudget, type CallContext } from '../../core/wechat/openapi-call';
import { mapWithConcurrency } from '../../core/concurrency';
import { SUBSCRIBE_SEND_API, type MessagingApi, type SubscribeMessage } from '../../core/wechat/messaging';
import type { RunBudget } from '../../core/run-budget';
import { maySendAgain, sendFailureKind } from '../../core/alerts/send-outcome';
import type { ErrorCode } from '../../contract/errors';
import { toQuotaError } from '../../core/errors/to-quota-error';
import { ruleFor } from '../../core/errors/error-table';

/** Subscribe messages in flight at once: 500 admins at 40 ms a send take about a second. */
export const SEND_CONCURRENCY = 20;

/**
 * What became of one admin's message. `unknown`: WeChat may have it (a timeout, a dropped connection,
 * system busy, abandoned at the deadline), so it counts as probably delivered and is never sent again.
 * `deferred`: never started, for lack of time; the next run sends it.
 */
export type SendOutcome =
  | { touser: string; status: 'sent' }
  | { touser: string; status: 'failed' | 'unknown'; code: ErrorCode; errCode?: number; hint: string }
  | { touser: string; status: 'deferred' };

export interface Sending {
  /** Settles once every message is started or deferred, with the admins deferred: the run can record that while sends are in flight. */
  decided: Promise<{ deferred: string[] }>;
  outcomes: Promise<SendOutcome[]>;
}

/**
 * Sends each message (one per admin) in parallel, bounded. A send starts no later than `latestStart`
 * (so the writes that record it still fit) and only if it can finish by the deadline, which none
 * outlives. A send is repeated only after a failure that provably happened before WeChat had it.
 */
export function sendMessages(
  context: Omit<CallContext, 'api'>,
  budget: RunBudget,
  messaging: MessagingApi,
  messages: readonly SubscribeMessage[],
  latestStart: number,
): Sending {
  const deferred: string[] = [];
  let undecided = messages.length;
  let markDecided: (value: { deferred: string[] }) => void = () => undefined;
  const decided = new Promise<{ deferred: string[] }>((resolve) => (markDecided = resolve));
  const decide = () => {
    undecided -= 1;
    if (undecided === 0) markDecided({ deferred });
  };
  if (messages.length === 0) markDecided({ deferred });
  const outcomes = mapWithConcurrency(messages, SEND_CONCURRENCY, async (message): Promise<SendOutcome> => {
    const { touser } = message;
    if (!budget.mayStart('send', latestStart)) {
      deferred.push(touser);
      decide();
      return { touser, status: 'deferred' };
    }
    const sent = budget.run('send', SUBSCRIBE_SEND_API, () =>
      callWithinBudget(context, SUBSCRIBE_SEND_API, () => messaging.sendSubscribeMessage(message), maySendAgain),
    );
    decide();
    try {
      await sent;
      return { touser, status: 'sent' };
    } catch (raw) {
      const error = toQuotaError(raw, SUBSCRIBE_SEND_API);
      const status = sendFailureKind(error);
      // The fix travels with the refusal, to the run's answer and its log: a code alone tells an operator nothing.
      const hint = error.errCode === undefined ? error.message : ruleFor(error.errCode).hint;
      context.log.warn(
        status === 'failed'
          ? 'low-balance alert not delivered'
          : 'low-balance alert outcome unknown, counted as delivered',
        { code: error.code, errCode: error.errCode, fix: hint },
      );
      return {
        touser,
        status,
        code: error.code,
        ...(error.errCode === undefined ? {} : { errCode: error.errCode }),
        hint,
      };
    }
  });
  return { decided, outcomes };
}
