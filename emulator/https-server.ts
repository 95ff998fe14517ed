import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body';
import {
  API_QUOTA_API,
  DATABASE_QUERY_API,
  STABLE_TOKEN_API,
  TEMPLATE_LIST_API,
  type WechatModel,
} from './wechat-model';

interface Route {
  api: string;
  method: 'GET' | 'POST';
  /** Whether the route needs `?access_token=`. */
  authenticated: boolean;
}

/** WeChat's HTTPS paths for the APIs the model answers, with the methods WeChat documents. */
const ROUTES: ReadonlyMap<string, Route> = new Map([
  ['/cgi-bin/stable_token', { api: STABLE_TOKEN_API, method: 'POST', authenticated: false }],
  ['/cgi-bin/express/business/quota/get', { api: 'logistics.getQuota', method: 'POST', authenticated: true }],
  ['/cgi-bin/express/business/account/getall', { api: 'logistics.getAllAccount', method: 'GET', authenticated: true }],
  [
    '/cgi-bin/express/business/delivery/getall',
    { api: 'logistics.getAllDelivery', method: 'GET', authenticated: true },
  ],
  ['/wxaapi/newtmpl/gettemplate', { api: TEMPLATE_LIST_API, method: 'GET', authenticated: true }],
  ['/cgi-bin/openapi/quota/get', { api: API_QUOTA_API, method: 'POST', authenticated: true }],
  ['/tcb/databasequery', { api: DATABASE_QUERY_API, method: 'POST', authenticated: true }],
]);

const MAX_BODY_BYTES = 64 * 1024;

export interface HttpsFace {
  /** The base URL to use instead of https://api.weixin.qq.com. */
  baseUrl: string;
  /** Every request URL received (path and query), to check that no secret ever travels in one. */
  urlsSeen: string[];
  close(): Promise<void>;
}

/**
 * The model's HTTPS face: WeChat's HTTP API on loopback, with access tokens checked as WeChat
 * does (missing 41001, unknown 40001, expired 42001). It answers JSON, sometimes as text/plain, as WeChat does.
 */
export async function startHttpsFace(model: WechatModel): Promise<HttpsFace> {
  const urlsSeen: string[] = [];
  const server = http.createServer((request, response) => {
    urlsSeen.push(request.url ?? '');
    handle(request, response).catch(() => json(response, 500, { errcode: -1, errmsg: 'system error' }));
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = ROUTES.get(url.pathname);
    if (!route) return json(response, 404, { errcode: 40066, errmsg: 'invalid url' });
    if (request.method !== route.method) {
      return json(
        response,
        200,
        route.method === 'POST'
          ? { errcode: 43002, errmsg: 'require POST method' }
          : { errcode: 43001, errmsg: 'require GET method' },
      );
    }
    if (route.authenticated) {
      const tokenError = model.tokens.check(url.searchParams.get('access_token'));
      if (tokenError !== 0)
        return json(response, 200, { errcode: tokenError, errmsg: TOKEN_ERRORS[tokenError] ?? 'invalid credential' });
    }
    const body = route.method === 'POST' ? await readJsonBody(request) : { params: {} };
    if ('refusal' in body) return json(response, 200, body.refusal);
    const answer = await model.reply(route.api, body.params);
    switch (answer.kind) {
      case 'drop':
        request.socket.destroy();
        return;
      case 'garbage':
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html><body>502 Bad Gateway</body></html>');
        return;
      case 'platform-error':
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end('');
        return;
      case 'empty':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('');
        return;
      case 'json':
        // WeChat sometimes labels JSON as text/plain; clients must parse it whatever the label.
        json(
          response,
          200,
          answer.body,
          route.api === 'logistics.getAllDelivery' ? 'text/plain' : 'application/json; charset=utf-8',
        );
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    urlsSeen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const TOKEN_ERRORS: Record<number, string> = {
  41001: 'access_token missing',
  40001: 'invalid credential, access_token is invalid or not latest',
  42001: 'access_token expired',
};

type Body = { params: Record<string, unknown> } | { refusal: { errcode: number; errmsg: string } };

/** The request body as JSON parameters, or WeChat's refusal of it (44002 empty, 47001 malformed). */
async function readJsonBody(request: http.IncomingMessage): Promise<Body> {
  const text = await readBody(request, MAX_BODY_BYTES);
  if (text === undefined) return { refusal: { errcode: 47001, errmsg: 'data format error: body too large' } };
  if (text.trim() === '') return { refusal: { errcode: 44002, errmsg: 'empty post data' } };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return { params: parsed as Record<string, unknown> };
  } catch {
    // Falls through to WeChat's answer for malformed data.
  }
  return { refusal: { errcode: 47001, errmsg: 'data format error' } };
}

function json(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
