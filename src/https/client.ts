import type { LogisticsApi } from '../core/logistics';
import { AccessTokenCache } from './access-token';
import { createHttpsLogistics } from './https-logistics';
import { Redactor } from './redactor';
import { createWechatHttp } from './wechat-http';

export const DEFAULT_API_BASE_URL = 'https://api.weixin.qq.com';
export const DEFAULT_HTTP_TIMEOUT_MS = 5_000;

export interface HttpsClientOptions {
  appId: string;
  appSecret: string;
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface HttpsClient {
  logistics: LogisticsApi;
  tokens: AccessTokenCache;
  /** Masks the secret and every token this client has seen; use it on anything printed. */
  redactor: Redactor;
}

/** Wires the HTTPS transport: one redactor, one token cache and one HTTP function shared by all calls. */
export function createHttpsClient(options: HttpsClientOptions): HttpsClient {
  const redactor = new Redactor();
  const http = createWechatHttp({
    baseUrl: options.baseUrl ?? DEFAULT_API_BASE_URL,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS,
    redactor,
  });
  const tokens = new AccessTokenCache({ appId: options.appId, appSecret: options.appSecret, http, now: options.now ?? Date.now, redactor });
  return { logistics: createHttpsLogistics(http, tokens), tokens, redactor };
}
