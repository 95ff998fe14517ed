import { ErrorCode, QuotaError } from '../core/errors';
import type { Redactor } from './redactor';

export interface WechatHttpOptions {
  /** https://api.weixin.qq.com, or a gateway or test server. */
  baseUrl: string;
  fetch: typeof fetch;
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
}

export type WechatHttp = (request: WechatHttpRequest) => Promise<unknown>;

/**
 * One HTTP exchange with WeChat: JSON in (UTF-8, Chinese unescaped), JSON out whatever the content
 * type says, within a timeout. Failures are QuotaErrors whose messages never carry a token or secret.
 */
export function createWechatHttp(options: WechatHttpOptions): WechatHttp {
  return async (request) => {
    const url = new URL(request.path, options.baseUrl);
    if (request.accessToken !== undefined) url.searchParams.set('access_token', request.accessToken);
    const shownUrl = options.redactor.redact(url.toString());
    const unavailable = (detail: string, cause: unknown) =>
      new QuotaError(ErrorCode.UPSTREAM_UNAVAILABLE, `${request.api}: ${request.method} ${shownUrl} ${options.redactor.redact(detail)}. Try again shortly.`, { retryable: true, cause });
    let status: number;
    let text: string;
    try {
      const response = await options.fetch(url, {
        method: request.method,
        headers: request.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw unavailable(`did not answer within ${options.timeoutMs} ms`, error);
      throw unavailable(`failed: ${describeTransportError(error)}`, error);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      if (status >= 500) throw unavailable(`answered HTTP ${status} without JSON`, error);
      throw new QuotaError(ErrorCode.UPSTREAM_INVALID, `${request.api}: ${request.method} ${shownUrl} answered HTTP ${status} with a body that is not JSON. Check WX_API_BASE_URL; if it is right, try again.`, { cause: error });
    }
  };
}

/** fetch wraps the socket error (ECONNREFUSED, ECONNRESET, ENOTFOUND, …) in a generic TypeError. */
function describeTransportError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
