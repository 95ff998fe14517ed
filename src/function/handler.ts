import { fetchAllAccounts, type AllAccounts } from '../core/all-accounts';
import { OPENAPI_CALL_TIMEOUT_MS, TIME_BUDGET_MS } from '../core/budget';
import type { CallContext } from '../core/call';
import type { Clock } from '../core/clock';
import { failure, success, type Envelope } from '../core/envelope';
import type { LogisticsApi } from '../core/logistics';
import type { Logger } from '../core/logger';
import { fetchQuota, type SingleQuota } from '../core/single-quota';
import { toQuotaError } from '../core/to-quota-error';
import { ADMIN_OPENIDS_VARIABLE, authorize, type Caller } from './authorize';
import { parseEvent, type QuotaRequest } from './event';

export interface HandlerDeps {
  logistics: LogisticsApi;
  /** The invoking user and source, from the cloud's context (never from the event). */
  getCaller: () => Caller;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  log: Logger;
}

export type QuotaResult = SingleQuota | AllAccounts;
export type QuotaEnvelope = Envelope<QuotaResult>;

/** Builds the function's `main`: event in, envelope out; nothing is thrown past it. */
export function createHandler(deps: HandlerDeps): (event: unknown, context?: unknown) => Promise<QuotaEnvelope> {
  return async function main(event) {
    const startedAt = deps.clock.now();
    try {
      authorize(deps.getCaller(), deps.env[ADMIN_OPENIDS_VARIABLE]);
      const request = parseEvent(event);
      const context: CallContext = {
        api: deps.logistics,
        clock: deps.clock,
        deadline: startedAt + TIME_BUDGET_MS,
        callTimeoutMs: OPENAPI_CALL_TIMEOUT_MS,
        log: deps.log,
      };
      return success(await dispatch(context, request));
    } catch (raw) {
      const error = toQuotaError(raw);
      deps.log.warn('getQuota failed', { code: error.code, errCode: error.errCode, ms: deps.clock.now() - startedAt });
      return failure(error);
    }
  };

  async function dispatch(context: CallContext, request: QuotaRequest): Promise<QuotaResult> {
    switch (request.kind) {
      case 'single':
        return fetchQuota(context, request);
      case 'all':
        return fetchAllAccounts(context);
      case 'timer': {
        const result = await fetchAllAccounts(context);
        const failed = result.accounts.filter((account) => account.error).length;
        deps.log.info('timer check done', { trigger: request.triggerName, accounts: result.accounts.length, failed });
        return result;
      }
    }
  }
}
