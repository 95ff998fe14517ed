import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readMultipartFields } from './multipart';
import { readBody } from './read-body';
import type { WechatModel } from './wechat-model';
import { OPEN_API_TYPE, decodeOpenApiRequest, encodeOpenApiResponse } from './wire-protocol';

/** The platform code the cloud answers when a function calls an open API its config.json does not declare. */
export const NO_PERMISSION_ERROR_CODE = -604101;
/** The header the instance's runner puts on every request: `<invocation id>;before|after`. */
const INVOCATION_HEADER = 'x-emulator-invocation';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Bytes that are neither protobuf (wire type 7 in the first tag) nor JSON. */
const GARBAGE = Buffer.from([0x0f, 0xff, 0x00, 0x7b]);

export interface CloudServerOptions {
  model: WechatModel;
  /** The deployed function's `permissions.openapi`, enforced as the cloud does. */
  permissions: readonly string[];
}

export interface CloudServer {
  /** The admin URL the runtime injects through TCB_CONTEXT_CNFG. */
  adminUrl: string;
  /** Requests that reached the server, including malformed ones. */
  requestCount(): number;
  close(): Promise<void>;
}

/**
 * The cloud's face of the emulator: speaks wx-server-sdk's open-API wire protocol (multipart form
 * with a protobuf CommApiData in, protobuf CommOpenApiResp out) on loopback, answering from the
 * model, and its JSON database protocol, answering from the model's database.
 */
export async function startCloudServer(options: CloudServerOptions): Promise<CloudServer> {
  const permissions = new Set(options.permissions);
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests += 1;
    handle(request, response).catch((error: unknown) =>
      tcbError(response, 400, 'INVALID_PARAM', error instanceof Error ? error.message : String(error)),
    );
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // Placed on arrival: before or after the answer of the invocation that made the request.
    const arrival = options.model.invocations.arrival(request.headers[INVOCATION_HEADER]?.toString());
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'POST' || url.pathname !== '/admin') {
      tcbError(
        response,
        404,
        'INVALID_PATH',
        `${request.method} ${url.pathname} is not emulated; open-API calls go to POST /admin`,
      );
      return;
    }
    if (request.headers['content-type']?.startsWith('application/json')) {
      const body = (await readBody(request)) ?? '';
      const params = JSON.parse(body) as Record<string, unknown>;
      const { answer, latencyMs } = options.model.database.handle(String(params.action), params, arrival);
      if (latencyMs > 0) await sleep(latencyMs);
      const text = answer ? JSON.stringify({ ...answer, requestId: 'emulator' }) : '';
      options.model.invocations.countDatabase(
        arrival.invocationId,
        String(params.action),
        Buffer.byteLength(body),
        Buffer.byteLength(text),
      );
      if (!answer) {
        request.socket.destroy();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(text);
      return;
    }
    const fields = await readMultipartFields(request);
    const action = fields.action?.toString();
    const apiName = fields.apiName?.toString() ?? '';
    if (action !== 'wx.openApi') {
      tcbError(response, 400, 'INVALID_ACTION', `action ${action ?? '(none)'} is not emulated; only wx.openApi is`);
      return;
    }
    if (!fields.requestData) throw new Error('requestData is missing');
    const decoded = decodeOpenApiRequest(fields.requestData);
    if (decoded.apiType !== OPEN_API_TYPE) throw new Error(`apiType ${decoded.apiType} is not emulated`);
    if (!permissions.has(apiName)) {
      reply(response, encodeOpenApiResponse({ errorCode: NO_PERMISSION_ERROR_CODE, httpCode: 200 }));
      return;
    }
    const answer = await options.model.reply(apiName, decoded.params, sleep, arrival);
    switch (answer.kind) {
      case 'drop':
        request.socket.destroy();
        return;
      case 'garbage':
        reply(response, GARBAGE);
        return;
      case 'empty':
        reply(response, encodeOpenApiResponse({ httpCode: 200 }));
        return;
      case 'platform-error':
        reply(response, encodeOpenApiResponse({ errorCode: answer.errorCode, httpCode: 200 }));
        return;
      case 'json':
        reply(
          response,
          encodeOpenApiResponse({
            respData: Buffer.from(JSON.stringify(answer.body)),
            contentType: 'application/json; charset=utf-8',
            httpCode: 200,
          }),
        );
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    adminUrl: `http://127.0.0.1:${port}/admin`,
    requestCount: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(response: http.ServerResponse, body: Uint8Array): void {
  response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.byteLength });
  response.end(body);
}

/** The JSON error shape the cloud's gateway uses ({ code, message }), which the SDK maps itself. */
function tcbError(response: http.ServerResponse, status: number, code: string, message: string): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ code, message, requestId: 'emulator' }));
}
