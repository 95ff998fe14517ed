import * as z from 'zod';
import { parseAnswer } from '../core/wechat/upstream';
import type { Redactor } from './redactor';
import type { WechatHttp } from './wechat-http';

/** Refetch this long before WeChat says the token expires, so that no request carries a dying token. */
export const TOKEN_EXPIRY_MARGIN_MS = 60_000;
export const STABLE_TOKEN_PATH = '/cgi-bin/stable_token';
const MAX_TOKEN_LENGTH = 512;

const tokenAnswerSchema = z.object({
  accessToken: z.string().min(1).max(MAX_TOKEN_LENGTH),
  expiresIn: z.number().int().positive(),
});

export interface AccessTokenOptions {
  appId: string;
  appSecret: string;
  http: WechatHttp;
  now: () => number;
  redactor: Redactor;
}

/**
 * Access tokens from stable_token (the secret travels in the JSON body, never in a URL), cached
 * until a safety margin before expiry. Concurrent callers share one in-flight fetch. `force_refresh`
 * is never sent: WeChat allows it 20 times a day, so it stays a human decision.
 */
export class AccessTokenCache {
  /** stable_token requests sent, for tests and benchmarks. */
  requests = 0;
  private cached: { token: string; refreshAt: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(private readonly options: AccessTokenOptions) {
    options.redactor.add(options.appSecret);
  }

  get(): Promise<string> {
    if (this.cached && this.options.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token);
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Forgets `token` after WeChat rejected it; a newer token fetched meanwhile is kept. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    this.requests += 1;
    const raw = await this.options.http({
      api: 'stable_token',
      method: 'POST',
      path: STABLE_TOKEN_PATH,
      body: { grant_type: 'client_credential', appid: this.options.appId, secret: this.options.appSecret },
      credentialField: 'access_token',
    });
    const answer = parseAnswer('stable_token', tokenAnswerSchema, raw);
    this.options.redactor.add(answer.accessToken);
    const lifetimeMs = answer.expiresIn * 1000;
    this.cached = {
      token: answer.accessToken,
      refreshAt: this.options.now() + lifetimeMs - Math.min(TOKEN_EXPIRY_MARGIN_MS, lifetimeMs / 2),
    };
    return answer.accessToken;
  }
}
