import { inspect } from 'node:util';
import { fetchQuota } from '../../src/core/wechat/single-quota';
import { systemClock } from '../../src/core/clock';
import { silentLogger } from '../../src/core/logger';
import { createHttpsClient } from '../../src/https/client';
import { Redactor } from '../../src/https/redactor';
import { createWechatHttp, type WechatHttpRequest } from '../../src/https/wechat-http';
import { ECHO_APP_ID, ECHO_SECRET, ECHO_TOKEN, leakedFragments, startEchoServer } from '../support/attack/echo-server';

const QUOTA_REQUEST: WechatHttpRequest = {
  api: 'logistics.getQuota',
  method: 'POST',
  path: '/cgi-bin/express/business/quota/get',
  accessToken: ECHO_TOKEN,
  body: { delivery_id: 'YTO' },
};

function transport(fetchImpl: typeof fetch, timeoutMs = 2_000, baseUrl = 'https://gw.example.com/wechat') {
  const redactor = new Redactor();
  redactor.add(ECHO_SECRET);
  redactor.add(ECHO_TOKEN);
  return createWechatHttp({ baseUrl: new URL(baseUrl), fetch: fetchImpl, timeoutMs, redactor });
}

async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error) => error,
  );
}

/** Everything a thrown error carries, its causes included, as a log would print it. */
function everything(error: unknown): string {
  return inspect(error, { depth: null });
}

describe('createWechatHttp', () => {
  it('names the host and WX_API_BASE_URL when the host cannot be found, instead of asking to try again', async () => {
    const dnsFailure = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND gw.example.com'), { code: 'ENOTFOUND' }),
    });
    const error = await failureOf(transport(() => Promise.reject(dnsFailure))(QUOTA_REQUEST));
    expect(error.message).toContain('failed: the host gw.example.com could not be found (ENOTFOUND).');
    expect(error.message).toContain(
      'Check WX_API_BASE_URL (here https://gw.example.com/wechat; unset, it is https://api.weixin.qq.com)',
    );
    expect(error.message).not.toMatch(/try again/i);
    expect(error.message).not.toContain(ECHO_TOKEN);
  });

  it('sends to the base URL with its path prefix, and the token in the query', async () => {
    const urls: string[] = [];
    const http = transport(
      async (input) => (
        urls.push(input instanceof Request ? input.url : String(input)),
        new Response('{"quota_num":1}')
      ),
    );
    await http(QUOTA_REQUEST);
    expect(urls).toEqual([
      `https://gw.example.com/wechat/cgi-bin/express/business/quota/get?access_token=${ECHO_TOKEN}`,
    ]);
  });

  it('ends an exchange at its time limit even when fetch ignores the abort signal and the body drips', async () => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const dripping = new ReadableStream<Uint8Array>({
      start(controller) {
        timer = setInterval(() => controller.enqueue(new Uint8Array([0x20])), 20);
      },
    });
    const deaf: typeof fetch = async () => new Response(dripping, { headers: { 'content-type': 'application/json' } });
    try {
      const error = await failureOf(transport(deaf, 200)(QUOTA_REQUEST));
      expect(error).toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        retryable: true,
        message: expect.stringContaining('did not answer within 200 ms'),
      });
    } finally {
      clearInterval(timer);
    }
  });

  it('refuses a redirect, naming where it pointed, and an opaque one too', async () => {
    const redirect = transport(
      async () =>
        new Response(null, { status: 307, headers: { location: 'https://elsewhere.example.net:8443/steal' } }),
    );
    expect(await failureOf(redirect(QUOTA_REQUEST))).toMatchObject({
      code: 'UPSTREAM_INVALID',
      message: expect.stringContaining('a redirect to elsewhere.example.net:8443'),
    });
    const opaque = transport(
      async () => ({ type: 'opaqueredirect', status: 0, headers: new Headers(), body: null }) as unknown as Response,
    );
    expect(await failureOf(opaque(QUOTA_REQUEST))).toMatchObject({
      code: 'UPSTREAM_INVALID',
      message: expect.stringContaining('a redirect to an address it did not name'),
    });
  });

  it('asks fetch not to follow redirects', async () => {
    let redirect: RequestRedirect | undefined;
    await transport(async (_input, init) => ((redirect = init?.redirect), new Response('{}')))(QUOTA_REQUEST);
    expect(redirect).toBe('manual');
  });

  it('masks every string of an answer, keys included, but the credential it was asked to return', async () => {
    const answer = {
      access_token: ECHO_TOKEN,
      errmsg: `echo ${ECHO_SECRET}`,
      list: [{ alias: `x access_token=${ECHO_TOKEN}&y`, [ECHO_SECRET]: 1 }],
    };
    const http = transport(async () => new Response(JSON.stringify(answer)));
    expect(await http({ ...QUOTA_REQUEST, credentialField: 'access_token' })).toEqual({
      access_token: ECHO_TOKEN,
      errmsg: 'echo ***',
      list: [{ alias: 'x access_token=***&y', '***': 1 }],
    });
    expect(await http(QUOTA_REQUEST)).toMatchObject({ access_token: '***' });
  });

  it('keeps no secret in the causes of its failures: a fetch error quoting the URL, a parser quoting the body', async () => {
    const quoting = transport(async (input) => {
      throw new TypeError(`Failed to parse URL from ${input instanceof Request ? input.url : String(input)}`, {
        cause: new Error(`secret ${ECHO_SECRET}`),
      });
    });
    const parseFailure = transport(async () => new Response(`${ECHO_TOKEN} is not JSON`, { status: 200 }));
    for (const error of [await failureOf(quoting(QUOTA_REQUEST)), await failureOf(parseFailure(QUOTA_REQUEST))]) {
      expect(error.cause).toBeInstanceOf(Error);
      expect(leakedFragments(everything(error))).toEqual([]);
    }
  });
});

describe('the HTTPS client against a server that echoes the token into a body that is not JSON', () => {
  it('throws an error that, printed whole with its causes, holds no 8 characters of the token or secret', async () => {
    const server = await startEchoServer('html');
    try {
      const client = createHttpsClient({ appId: ECHO_APP_ID, appSecret: ECHO_SECRET, baseUrl: server.baseUrl });
      const context = { api: client.logistics, clock: systemClock, deadline: Date.now() + 10_000, log: silentLogger };
      const error = await failureOf(fetchQuota(context, { deliveryId: 'YTO', bizId: 'ECHO01' }));
      expect(error).toMatchObject({ code: 'UPSTREAM_INVALID' });
      expect(leakedFragments(everything(error))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
