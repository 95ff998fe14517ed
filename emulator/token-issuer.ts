/** How long WeChat's access tokens live, and how close to expiry stable_token starts handing out a new one. */
export const TOKEN_LIFETIME_SECONDS = 7_200;
export const STABLE_TOKEN_RENEW_SECONDS = 300;

export interface AppCredentials {
  appId: string;
  appSecret: string;
}

interface IssuedToken {
  token: string;
  expiresAt: number;
}

/**
 * WeChat's stable_token, emulated: the current token is handed out again until it is close to
 * expiry; `force_refresh` issues a new one at once. Older tokens stay valid until they expire or are revoked.
 */
export class TokenIssuer {
  private issued: IssuedToken[] = [];
  private serial = 0;

  constructor(
    private readonly credentials: AppCredentials,
    private readonly now: () => number,
  ) {}

  /** Answers a stable_token request body as WeChat does. */
  stableToken(params: Record<string, unknown>): Record<string, unknown> {
    if (params.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    if (params.appid !== this.credentials.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (params.secret !== this.credentials.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    const current = this.issued.at(-1);
    const nowMs = this.now();
    const reusable =
      current && params.force_refresh !== true && current.expiresAt - nowMs > STABLE_TOKEN_RENEW_SECONDS * 1000;
    const token = reusable ? current : this.issue(nowMs);
    return { access_token: token.token, expires_in: Math.floor((token.expiresAt - nowMs) / 1000) };
  }

  /** 0 when the token may be used, else the errcode WeChat answers. */
  check(token: unknown): number {
    if (typeof token !== 'string' || token === '') return 41001;
    const found = this.issued.find((candidate) => candidate.token === token);
    if (!found) return 40001;
    return found.expiresAt <= this.now() ? 42001 : 0;
  }

  /** Every token issued so far stops working, as when another party fetched one with the old /cgi-bin/token. */
  revokeAll(): void {
    this.issued = [];
  }

  private issue(nowMs: number): IssuedToken {
    this.serial += 1;
    // Real tokens are long opaque strings; a long, distinctive one makes leaks easy to spot in tests.
    const token: IssuedToken = {
      token: `EMU${String(this.serial).padStart(4, '0')}_${'tOkEn'.repeat(20)}`,
      expiresAt: nowMs + TOKEN_LIFETIME_SECONDS * 1000,
    };
    this.issued.push(token);
    return token;
  }
}
