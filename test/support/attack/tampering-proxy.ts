import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to the answers of the requests it matches. */
export interface TamperRule {
  /** Chooses requests by path (prefix removed) and raw body. */
  when: (path: string, body: Buffer) => boolean;
  /** Sends the answer one byte at a time, this far apart: a server that never goes idle, and never finishes. */
  dripEveryMs?: number;
  /** Replaces the answer's body (the content length is fixed to match). */
  rewrite?: (body: Buffer) => Buffer;
}

export interface Drip {
  path: string;
  /** Bytes of the body sent before the client hung up (or all of them). */
  sent: number;
  total: number;
}

export interface TamperingProxy {
  /** Point the client here instead of at the target; includes the path prefix, if any. */
  baseUrl: string;
  /** Paths requested under the prefix (prefix removed). */
  paths: string[];
  /** Paths refused with 404 because they lacked the prefix. */
  refused: string[];
  /** One entry per dripped answer, complete once the connection closed. */
  drips: Drip[];
  close(): Promise<void>;
}

/**
 * An attack server for tests, on 127.0.0.1: forwards every request to a real (emulated) server and
 * tampers with the answers the rules match. With `pathPrefix` it plays a gateway that serves the API
 * under a path prefix and answers 404 to anything outside it.
 */
export async function startTamperingProxy(options: {
  target: string;
  pathPrefix?: string;
  rules?: TamperRule[];
}): Promise<TamperingProxy> {
  const target = new URL(options.target);
  const prefix = options.pathPrefix ?? '';
  const paths: string[] = [];
  const refused: string[] = [];
  const drips: Drip[] = [];
  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const body = await readAll(request);
    const url = request.url ?? '/';
    if (!url.startsWith(`${prefix}/`)) {
      refused.push(url);
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such path on this gateway');
      return;
    }
    const path = url.slice(prefix.length);
    paths.push(path);
    const rule = options.rules?.find((candidate) => candidate.when(path, body));
    const upstream = await forward(target, request, path, body);
    const answer = rule?.rewrite ? rule.rewrite(upstream.body) : upstream.body;
    const { 'transfer-encoding': _chunked, ...kept } = upstream.headers;
    const headers = { ...kept, 'content-length': String(answer.byteLength) };
    response.writeHead(upstream.status, headers);
    if (!rule?.dripEveryMs) {
      response.end(answer);
      return;
    }
    const drip: Drip = { path, sent: 0, total: answer.byteLength };
    drips.push(drip);
    const timer = setInterval(() => {
      if (response.destroyed || drip.sent >= drip.total) {
        clearInterval(timer);
        response.end();
        return;
      }
      response.write(answer.subarray(drip.sent, drip.sent + 1));
      drip.sent += 1;
    }, rule.dripEveryMs);
    response.on('close', () => clearInterval(timer));
  };
  // A forward that fails ends the client's connection rather than leaving its request hanging.
  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => response.destroy(error as Error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}`,
    paths,
    refused,
    drips,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function forward(
  target: URL,
  request: http.IncomingMessage,
  path: string,
  body: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: `${target.pathname.replace(/\/$/, '')}${path}`,
        headers: { ...request.headers, host: target.host },
      },
      (answer) => {
        readAll(answer).then(
          (answerBody) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: answerBody }),
          reject,
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
