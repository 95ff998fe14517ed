import type { LogisticsApi } from '../core/wechat/logistics';
import { AccessTokenCache } from './access-token';
import { DEFAULT_API_BASE_URL, parseBaseUrl } from './base-url';
import { createHttpsLogistics } from './https-logistics';
import { Redactor } from './redactor';
import { createWechatHttp } from './wechat-http';

/** How long one HTTP exchange may take from its start, whatever the server does. */
export const DEFAULT_HTTP_TIMEOUT_MS = 5_000;

export interface HttpsClientOptions {
  appId: string;
  appSecret: string;
  /** Default https://api.weixin.qq.com; a gateway's path prefix is kept. Throws if it has a query, fragment or credentials. */
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface HttpsClient {
  logistics: LogisticsApi;
  tokens: AccessTokenCache;
  /** Masks the secret and every token this client has seen; answers and failures already pass through it. */
  redactor: Redactor;
}

/** Wires the HTTPS transport: one redactor, one token cache and one HTTP function shared by all calls. */
export function createHttpsClient(options: HttpsClientOptions): HttpsClient {
  const redactor = new Redactor();
  const http = createWechatHttp({
    baseUrl: parseBaseUrl(options.baseUrl ?? DEFAULT_API_BASE_URL, 'baseUrl'),
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS,
    redactor,
  });
  const tokens = new AccessTokenCache({
    appId: options.appId,
    appSecret: options.appSecret,
    http,
    now: options.now ?? Date.now,
    redactor,
  });
  return { logistics: createHttpsLogistics(http, tokens), tokens, redactor };
}
