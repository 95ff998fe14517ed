import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RedirectServer {
  /** The base URL that redirects everything. */
  baseUrl: string;
  /** host:port of the other origin the redirects point at. */
  trapHost: string;
  /** Requests that reached the other origin, with their bodies: any at all means a redirect was followed. */
  trapped: string[];
  close(): Promise<void>;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/**
 * Attack servers for tests, on 127.0.0.1: one answers every request with `status` (a 307 keeps the method
 * and body, so a client that follows it POSTs the app secret on) pointing at a second origin, which
 * records whatever reaches it.
 */
export async function startRedirectServer(status = 307): Promise<RedirectServer> {
  const trapped: string[] = [];
  const trap = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      trapped.push(`${request.method} ${request.url} ${Buffer.concat(chunks).toString('utf8')}`);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"access_token":"TRAPPED_TOKEN_0000","expires_in":7200}');
    });
  });
  const trapHost = `127.0.0.1:${await listen(trap)}`;
  const redirector = http.createServer((request, response) => {
    request.resume();
    response.writeHead(status, { location: `http://${trapHost}${request.url ?? '/'}` }).end();
  });
  const port = await listen(redirector);
  const closeOne = (server: http.Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    trapHost,
    trapped,
    close: async () => void (await Promise.all([closeOne(trap), closeOne(redirector)])),
  };
}
