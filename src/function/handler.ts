import { TIME_BUDGET_MS } from '../core/time-limits';
import type { CallContext } from '../core/wechat/openapi-call';
import { failure, success } from '../core/errors/envelope';
import { fetchQuota } from '../core/wechat/single-quota';
import { toQuotaError } from '../core/errors/to-quota-error';
import { ErrorCode } from '../contract/errors';
import { ADMIN_OPENIDS_VARIABLE, authorize } from './access/authorize';
import { isTimerShaped, readEvent, type OtherRequest, type QuotaRequest } from './event';
import { assertTimerCaller } from './access/timer-identity';
import type * as OtherRequests from './lazy-requests';
import { forbidden } from '../core/errors/forbidden';

export type { HandlerDeps } from './handler-deps';

import type { QuotaEnvelope, QuotaResult } from '../contract/answers';
import type { HandlerDeps } from './handler-deps';

export type { AccountsResult, BalancesData, BalancesEnvelope, QuotaEnvelope, QuotaResult } from '../contract/answers';

/** The module that answers every request but a single account's. */
export type OtherRequestsModule = typeof OtherRequests;

/**
 * Builds the function's `main`: event in, envelope out; nothing is thrown past it. The answers to the
 * other requests are loaded on the first such request (a dynamic import, so a cold start that answers
 * one account does not pay for them); a simulation on a virtual clock passes them already loaded, since
 * a dynamic import outside the bundle (under tsx) takes real time.
 */
export function createHandler(
  deps: HandlerDeps,
  loadOtherRequests: () => Promise<OtherRequestsModule> = () => import('./lazy-requests'),
): (event: unknown, context?: unknown) => Promise<QuotaEnvelope> {
  let othersModule: Promise<OtherRequestsModule> | undefined;
  let others:
    | Promise<(context: CallContext, request: OtherRequest, admin: string | undefined) => Promise<QuotaResult>>
    | undefined;
  const loadOthers = () => (othersModule ??= loadOtherRequests());

  return async function main(event) {
    const startedAt = deps.clock.now();
    try {
      const caller = deps.getCaller();
      const callerKind = authorize(caller, deps.env[ADMIN_OPENIDS_VARIABLE], deps.env);
      const request = await parseRequest(event);
      if (request.kind === 'timer') assertTimerCaller(caller);
      const admin = callerKind === 'admin' ? String(caller.openId ?? caller.fromOpenId ?? '') : undefined;
      if (request.kind === 'robot-test' && admin === undefined)
        throw forbidden(
          { reason: 'source' },
          'Only an admin, from the mini-program, may send test messages to the group robots.',
        );
      const context: CallContext = {
        api: deps.logistics,
        clock: deps.clock,
        deadline: startedAt + TIME_BUDGET_MS,
        log: deps.log,
      };
      return success(await dispatch(context, request, admin));
    } catch (raw) {
      const error = toQuotaError(raw);
      // A refused timer-shaped event (someone trying to fire the alerts) and a broken setting need an operator.
      const needsOperator =
        error.code === ErrorCode.CONFIG_INVALID || (error.code === ErrorCode.FORBIDDEN && isTimerShaped(event));
      deps.log[needsOperator ? 'error' : 'warn']('getQuota failed', {
        code: error.code,
        errCode: error.errCode,
        ms: deps.clock.now() - startedAt,
        detail: needsOperator ? error.message : undefined,
      });
      return failure(error);
    }
  };

  /** The event validated: a single account's here, any other by the module that answers it. */
  async function parseRequest(event: unknown): Promise<QuotaRequest> {
    const read = readEvent(event);
    return 'kind' in read ? read : (await loadOthers()).parseOtherEvent(read);
  }

  async function dispatch(
    context: CallContext,
    request: QuotaRequest,
    admin: string | undefined,
  ): Promise<QuotaResult> {
    if (request.kind === 'single') return fetchQuota(context, request);
    others ??= loadOthers().then(({ createOtherRequests }) => createOtherRequests(deps));
    return (await others)(context, request, admin);
  }
}
