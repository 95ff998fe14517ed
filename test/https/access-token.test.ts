import { TOKEN_EXPIRY_MARGIN_MS } from '../../src/https/access-token';
import { TOKEN_LIFETIME_SECONDS } from '../../emulator/token-issuer';
import { EMULATED_CREDENTIALS, STABLE_TOKEN_API } from '../../emulator/wechat-model';
import { httpsHarness, type HttpsHarness } from './https-harness';

describe('AccessTokenCache against the fake stable_token', () => {
  let harness: HttpsHarness;
  beforeEach(async () => {
    harness = await httpsHarness();
  });
  afterEach(() => harness.close());

  it('fetches once and serves the cached token after', async () => {
    const first = await harness.client.tokens.get();
    expect(await harness.client.tokens.get()).toBe(first);
    expect(harness.tokenRequests()).toBe(1);
  });

  it('sends the secret in the JSON body, never force_refresh, and never puts it in a URL', async () => {
    await harness.client.tokens.get();
    expect(harness.model.callsTo(STABLE_TOKEN_API)).toEqual([
      {
        api: STABLE_TOKEN_API,
        params: {
          grant_type: 'client_credential',
          appid: EMULATED_CREDENTIALS.appId,
          secret: EMULATED_CREDENTIALS.appSecret,
        },
      },
    ]);
    expect(harness.face.urlsSeen).toEqual(['/cgi-bin/stable_token']);
  });

  it('shares one in-flight fetch between 1,000 concurrent callers', async () => {
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => harness.client.tokens.get()));
    expect(new Set(tokens).size).toBe(1);
    expect(harness.tokenRequests()).toBe(1);
    expect(harness.client.tokens.requests).toBe(1);
  });

  it(`refetches ${TOKEN_EXPIRY_MARGIN_MS / 1000} s before the token expires, not after`, async () => {
    await harness.client.tokens.get();
    harness.clientNow.value += TOKEN_LIFETIME_SECONDS * 1000 - TOKEN_EXPIRY_MARGIN_MS - 1;
    await harness.client.tokens.get();
    expect(harness.tokenRequests()).toBe(1);
    harness.clientNow.value += 1;
    harness.serverNow.value = harness.clientNow.value;
    await harness.client.tokens.get();
    expect(harness.tokenRequests()).toBe(2);
  });

  it('after a failed fetch, the next caller tries again', async () => {
    harness.model.addFault({ api: STABLE_TOKEN_API, errcode: -1, times: 1 });
    await expect(harness.client.tokens.get()).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', errCode: -1 });
    expect(await harness.client.tokens.get()).toMatch(/^EMU/);
  });

  it('invalidating an older token keeps the newer one', async () => {
    const token = await harness.client.tokens.get();
    harness.client.tokens.invalidate('some-older-token');
    expect(await harness.client.tokens.get()).toBe(token);
    harness.client.tokens.invalidate(token);
    await harness.client.tokens.get();
    expect(harness.tokenRequests()).toBe(2);
  });

  it('reports a wrong secret as CREDENTIALS_INVALID without the secret in the message', async () => {
    const wrong = await httpsHarness({ appSecret: 'the-wrong-secret-4f9a2c' });
    try {
      const error = (await wrong.client.tokens.get().then(
        () => undefined,
        (caught: unknown) => caught,
      )) as Error & { code: string };
      expect(error).toMatchObject({ code: 'CREDENTIALS_INVALID', errCode: 40125 });
      expect(error.message).not.toContain('the-wrong-secret-4f9a2c');
    } finally {
      await wrong.close();
    }
  });
});
