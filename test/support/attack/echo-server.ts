import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The app secret and token the echo server's tests use: distinctive, so that any 8 characters of them give them away. */
export const ECHO_APP_ID = 'wx00000000echoattack';
export const ECHO_SECRET = 'Qz7Wx3Kp9Lm2Nv8Rb4Tc6Yd1Fg5Hj0S';
export const ECHO_TOKEN = '91_EchoTok3nXq8Zr5Vw2Ku7Ly4Mt6Np0Ds9Fb1Gh3Jc';
/** Where error details are cut (src/core/errors/to-quota-error.ts): the echoed secret is placed across it. */
const DETAIL_CUT = 200;

export type EchoTarget =
  /** stable_token refuses with an errmsg quoting the request body, secret included. */
  | 'stable_token'
  /** getQuota refuses with an errmsg quoting the token, the URL and the body; the account list echoes the URL in an alias. */
  | 'apis'
  /** getQuota answers an HTML page quoting the token: a body that is not JSON. */
  | 'html';

export interface EchoServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** `text` placed so that `secret` begins 10 characters before the cut: a cut before masking leaves its first part. */
function acrossTheCut(secret: string, text: string): string {
  const before = text.indexOf(secret);
  return `${'.'.repeat(Math.max(0, DETAIL_CUT - 10 - before))}${text}`;
}

/**
 * An attack server for tests, on 127.0.0.1: a WeChat that echoes what it was sent (as real gateways and
 * broken proxies do) into error messages and answers, with the secret or token across the cut.
 */
export async function startEchoServer(target: EchoTarget): Promise<EchoServer> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = request.url ?? '/';
      const seen = `${request.method} ${url} ${body}`;
      const path = url.split('?')[0];
      const send = (answer: unknown, type = 'application/json') =>
        response
          .writeHead(200, { 'content-type': type })
          .end(typeof answer === 'string' ? answer : JSON.stringify(answer));
      if (path === '/cgi-bin/stable_token') {
        if (target === 'stable_token')
          return send({ errcode: 40125, errmsg: acrossTheCut(ECHO_SECRET, `invalid appsecret, you sent ${body}`) });
        return send({ access_token: ECHO_TOKEN, expires_in: 7200 });
      }
      if (path === '/cgi-bin/express/business/delivery/getall')
        return send({ data: [{ delivery_id: 'YTO', delivery_name: '圆通速递', can_get_quota: 1 }] });
      if (path === '/cgi-bin/express/business/account/getall') {
        return send({
          list: [
            {
              biz_id: 'ECHO01',
              delivery_id: 'YTO',
              status_code: 0,
              alias: `seen ${ECHO_TOKEN} in ${seen}`,
              quota_num: 5,
            },
          ],
        });
      }
      if (target === 'html') return send(`<html><body>${ECHO_TOKEN} ${seen}</body></html>`, 'text/html');
      return send({
        errcode: 9300501,
        errmsg: acrossTheCut(ECHO_TOKEN, `bad request with token ${ECHO_TOKEN}: ${seen}`),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every run of 8 characters of the secret and the token found in `text`: a leak, whole or cut. */
export function leakedFragments(text: string): string[] {
  const fragments: string[] = [];
  for (const secret of [ECHO_SECRET, ECHO_TOKEN]) {
    for (let start = 0; start + 8 <= secret.length; start += 1) {
      const fragment = secret.slice(start, start + 8);
      if (text.includes(fragment)) fragments.push(fragment);
    }
  }
  return fragments;
}
