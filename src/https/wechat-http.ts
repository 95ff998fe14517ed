import { QuotaError } from '../core/errors/errors';
import { ErrorCode } from '../contract/errors';
import { DEFAULT_API_BASE_URL, resolveApiUrl } from './base-url';
import type { Redactor } from './redactor';

export interface WechatHttpOptions {
  /** https://api.weixin.qq.com, or a gateway (its path prefix kept) or a test server; already checked. */
  baseUrl: URL;
  fetch: typeof fetch;
  /** No exchange lasts longer than this from its start, however slowly the server sends. */
  timeoutMs: number;
  redactor: Redactor;
}

export interface WechatHttpRequest {
  /** The API's name for messages, such as `logistics.getQuota`. */
  api: string;
  method: 'GET' | 'POST';
  path: string;
  accessToken?: string;
  body?: Record<string, unknown>;
  /** A top-level answer field that is a new credential (stable_token's `access_token`): returned as received, to be cached. */
  credentialField?: string;
}

export type WechatHttp = (request: WechatHttpRequest) => Promise<unknown>;

interface Exchange {
  status: number;
  text: string;
  /** Where a 3xx answer pointed; null when it named nowhere readable. */
  redirectTo?: string | null;
}

/**
 * One HTTP exchange with WeChat: JSON in (UTF-8, Chinese unescaped), JSON out whatever the content
 * type says, within an absolute time limit, never following a redirect. This is where an answer or a
 * failure enters the product, so it is where secrets are masked, once: every string of the answer
 * (an `errmsg` echoing the request included) and every message and cause of a failure. Whatever is
 * later built from them (error messages, truncated or not, the table, JSON, logs) cannot carry one.
 */
export function createWechatHttp(options: WechatHttpOptions): WechatHttp {
  const { redactor } = options;
  return async (request) => {
    const url = resolveApiUrl(options.baseUrl, request.path);
    if (request.accessToken !== undefined) url.searchParams.set('access_token', request.accessToken);
    const where = `${request.api}: ${request.method} ${redactor.redact(url.toString())}`;
    const unavailable = (detail: string, cause: unknown) =>
      new QuotaError(ErrorCode.UPSTREAM_UNAVAILABLE, `${where} ${redactor.redact(detail)}. Try again shortly.`, {
        retryable: true,
        cause: redactor.redactError(cause),
      });
    let exchange: Exchange;
    try {
      exchange = await withinTimeLimit(options.timeoutMs, (signal) => send(options.fetch, url, request, signal));
    } catch (error) {
      if (error instanceof TimeLimitExceeded) throw unavailable(`did not answer within ${options.timeoutMs} ms`, error);
      const failure = describeTransportError(error);
      if (DNS_FAILURES.has(failure))
        // A host that cannot be found is a setting or the network, not a moment to wait out.
        throw new QuotaError(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          `${where} failed: the host ${url.hostname} could not be found (${failure}). ` +
            `Check WX_API_BASE_URL (here ${redactor.redact(options.baseUrl.href)}; unset, it is ${DEFAULT_API_BASE_URL}) ` +
            `and this machine's network and DNS.`,
          { retryable: failure === 'EAI_AGAIN', cause: redactor.redactError(error) },
        );
      throw unavailable(`failed: ${failure}`, error);
    }
    if (exchange.redirectTo !== undefined) {
      const target = exchange.redirectTo === null ? 'an address it did not name' : redactor.redact(exchange.redirectTo);
      throw new QuotaError(
        ErrorCode.UPSTREAM_INVALID,
        `${where} answered HTTP ${exchange.status}, a redirect to ${target}. ` +
          `Redirects are not followed: the request carries the app secret or a token, so nothing was sent there. ` +
          `Set WX_API_BASE_URL to the address that answers itself.`,
      );
    }
    let answer: unknown;
    try {
      answer = JSON.parse(exchange.text);
    } catch (error) {
      if (exchange.status >= 500) throw unavailable(`answered HTTP ${exchange.status} without JSON`, error);
      throw new QuotaError(
        ErrorCode.UPSTREAM_INVALID,
        `${where} answered HTTP ${exchange.status} with a body that is not JSON. Check WX_API_BASE_URL; if it is right, try again.`,
        {
          cause: redactor.redactError(error),
        },
      );
    }
    return maskAnswer(redactor, answer, request.credentialField);
  };
}

async function send(
  fetchImpl: typeof fetch,
  url: URL,
  request: WechatHttpRequest,
  signal: AbortSignal,
): Promise<Exchange> {
  const response = await fetchImpl(url, {
    method: request.method,
    headers: request.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal,
    redirect: 'manual',
  });
  // A spec-following fetch hides a manual redirect as an opaque answer with status 0; Node's shows the 3xx.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status, text: '', redirectTo: redirectHost(response.headers.get('location'), url) };
  }
  return { status: response.status, text: Buffer.from(await response.arrayBuffer()).toString('utf8') };
}

function redirectHost(location: string | null, from: URL): string | null {
  if (!location) return null;
  try {
    return new URL(location, from).host;
  } catch {
    return null;
  }
}

function maskAnswer(redactor: Redactor, answer: unknown, credentialField: string | undefined): unknown {
  if (
    credentialField === undefined ||
    typeof answer !== 'object' ||
    answer === null ||
    Array.isArray(answer) ||
    !(credentialField in answer)
  ) {
    return redactor.redactValue(answer);
  }
  const { [credentialField]: credential, ...rest } = answer as Record<string, unknown>;
  return { ...(redactor.redactValue(rest) as Record<string, unknown>), [credentialField]: credential };
}

class TimeLimitExceeded extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * `work` with a hard end: at `timeoutMs` the signal aborts and the result rejects, whether or not the
 * fetch honours the signal. An idle timeout would restart with every byte a dripping server sends.
 */
async function withinTimeLimit<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TimeLimitExceeded(`no complete answer within ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The socket errors of a name look-up: the host does not exist (ENOTFOUND) or DNS did not answer (EAI_AGAIN). */
const DNS_FAILURES = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/** fetch wraps the socket error (ECONNREFUSED, ECONNRESET, ENOTFOUND, …) in a generic TypeError. */
function describeTransportError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
