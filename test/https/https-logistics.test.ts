import type { AllAccounts } from '../../src/contract/answers';
import { fetchAllAccounts } from '../../src/core/accounts/all-accounts';
import { fetchQuota } from '../../src/core/wechat/single-quota';
import { TOKEN_LIFETIME_SECONDS } from '../../emulator/token-issuer';
import { EMULATED_CREDENTIALS } from '../../emulator/wechat-model';
import { createHttpsClient } from '../../src/https/client';
import { httpsHarness, type HttpsHarness } from './https-harness';

const GET_QUOTA = 'logistics.getQuota';
const YTO_XYZ = { deliveryId: 'YTO', bizId: 'xyz' };

async function failureOf(promise: Promise<unknown>): Promise<Error & { code: string; errCode?: number }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error & { code: string }) => error,
  );
}

describe('the logistics API over HTTPS', () => {
  let harness: HttpsHarness;
  beforeEach(async () => {
    harness = await httpsHarness();
  });
  afterEach(() => harness.close());

  it('answers getQuota with a POST and the token in the query', async () => {
    expect(await fetchQuota(harness.context(), YTO_XYZ)).toMatchObject({ quotaNum: 210 });
    expect(harness.face.urlsSeen[1]).toMatch(/^\/cgi-bin\/express\/business\/quota\/get\?access_token=EMU/);
  });

  it('lists all accounts through the same core as the cloud function, reading text/plain JSON', async () => {
    const data: AllAccounts = await fetchAllAccounts(harness.context());
    expect(data.accounts.map((account) => [account.bizId, account.quotaNum, account.quotaSource])).toEqual([
      ['xyz', 210, 'live'],
      ['ZT10086', 12, 'live'],
      ['韵达义乌网点01', 1530, 'live'],
      ['ST-2026-77', null, null],
    ]);
    expect(harness.tokenRequests()).toBe(1);
  });

  it('uses GET for the two list calls, as WeChat documents', async () => {
    await fetchAllAccounts(harness.context());
    expect(harness.face.urlsSeen.filter((url) => url.includes('/getall?'))).toHaveLength(2);
  });

  it('sends a Chinese bizId as UTF-8, unescaped', async () => {
    const bodies: string[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      if (typeof init?.body === 'string') bodies.push(init.body);
      return fetch(input, init);
    };
    const client = createHttpsClient({ ...EMULATED_CREDENTIALS, baseUrl: harness.face.baseUrl, fetch: recordingFetch });
    expect(
      await fetchQuota(
        { ...harness.context(), api: client.logistics },
        { deliveryId: 'YUNDA', bizId: '韵达义乌网点01' },
      ),
    ).toMatchObject({ quotaNum: 1530 });
    expect(bodies.at(-1)).toBe('{"delivery_id":"YUNDA","biz_id":"韵达义乌网点01"}');
  });

  it('drops a revoked token (40001), fetches a new one and replays the request once', async () => {
    await fetchQuota(harness.context(), YTO_XYZ);
    harness.model.tokens.revokeAll();
    expect(await fetchQuota(harness.context(), YTO_XYZ)).toMatchObject({ quotaNum: 210 });
    expect(harness.tokenRequests()).toBe(2);
    expect(harness.model.callsTo(GET_QUOTA)).toHaveLength(2);
  });

  it('recovers from a token the server saw expire while the client still trusted it (42001)', async () => {
    await fetchQuota(harness.context(), YTO_XYZ);
    harness.serverNow.value += TOKEN_LIFETIME_SECONDS * 1000;
    expect(await fetchQuota(harness.context(), YTO_XYZ)).toMatchObject({ quotaNum: 210 });
    expect(harness.tokenRequests()).toBe(2);
  });

  it('does not loop when the fresh token is rejected too: one replay, then CREDENTIALS_INVALID', async () => {
    harness.model.addFault({ api: GET_QUOTA, errcode: 40001 });
    const error = await failureOf(fetchQuota(harness.context(), YTO_XYZ));
    expect(error).toMatchObject({ code: 'CREDENTIALS_INVALID', errCode: 40001 });
    expect(harness.model.callsTo(GET_QUOTA)).toHaveLength(2);
    expect(harness.tokenRequests()).toBe(2);
  });

  it('never sends force_refresh and never puts the secret in a URL', async () => {
    harness.model.addFault({ api: GET_QUOTA, errcode: 42001, times: 1 });
    await fetchAllAccounts(harness.context());
    expect(harness.model.callsTo('auth.stableToken').every((call) => !('force_refresh' in call.params))).toBe(true);
    expect(
      harness.face.urlsSeen.some((url) => url.includes(EMULATED_CREDENTIALS.appSecret) || url.includes('secret')),
    ).toBe(false);
  });

  it('retries -1 and succeeds', async () => {
    harness.model.addFault({ api: GET_QUOTA, errcode: -1, times: 2 });
    expect(await fetchQuota(harness.context(), YTO_XYZ)).toMatchObject({ quotaNum: 210 });
    expect(harness.model.callsTo(GET_QUOTA)).toHaveLength(3);
  });

  it('retries a reset connection, and redacts the token from the final error', async () => {
    harness.model.addFault({ api: GET_QUOTA, drop: true });
    const error = await failureOf(fetchQuota(harness.context(), YTO_XYZ));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toContain('access_token=***');
    expect(error.message).not.toMatch(/EMU\d{4}_/);
    expect(harness.model.callsTo(GET_QUOTA)).toHaveLength(3);
  });

  it('times out a silent server, retries, and reports UPSTREAM_UNAVAILABLE without the token', async () => {
    const slow = await httpsHarness({ timeoutMs: 100 });
    try {
      slow.model.addFault({ api: GET_QUOTA, latencyMs: 1_000 });
      const error = await failureOf(fetchQuota(slow.context(), YTO_XYZ));
      expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(error.message).toContain('did not answer within 100 ms');
      expect(error.message).not.toMatch(/EMU\d{4}_/);
      expect(slow.model.callsTo(GET_QUOTA)).toHaveLength(3);
    } finally {
      await slow.close();
    }
  });

  it('classifies an HTML body as UPSTREAM_INVALID, and a 502 without JSON as UPSTREAM_UNAVAILABLE', async () => {
    harness.model.addFault({ api: GET_QUOTA, garbage: true, times: 1 });
    expect(await failureOf(fetchQuota(harness.context(), YTO_XYZ))).toMatchObject({ code: 'UPSTREAM_INVALID' });
    harness.model.addFault({ api: GET_QUOTA, platformErrorCode: -1 });
    expect(await failureOf(fetchQuota(harness.context(), YTO_XYZ))).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: expect.stringContaining('HTTP 502'),
    });
  });

  it('maps WeChat business errors as the cloud function does', async () => {
    harness.model.addFault({ api: GET_QUOTA, errcode: 9300525 });
    expect(await failureOf(fetchQuota(harness.context(), YTO_XYZ))).toMatchObject({
      code: 'ACCOUNT_NOT_BOUND',
      errCode: 9300525,
    });
  });

  it('1,000 simultaneous queries from cold make one token request', async () => {
    // A loaded machine may take seconds to serve 1,000 connections; this test is about tokens, not time.
    const patient = await httpsHarness({ timeoutMs: 60_000 });
    try {
      const results = await Promise.all(Array.from({ length: 1000 }, () => fetchQuota(patient.context(), YTO_XYZ)));
      expect(results.every((result) => result.quotaNum === 210)).toBe(true);
      expect(patient.tokenRequests()).toBe(1);
    } finally {
      await patient.close();
    }
  }, 90_000);
});
