import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RobotPost } from '../../src/core/alerts/robots/robot-post';
import { readBody } from '../read-body';
import type { GroupRobots } from './group-robots';

export interface RobotServer {
  /** Where posts for the robot hosts go instead: http on loopback, the original host in the Host header. */
  url: string;
  close(): Promise<void>;
}

/** The robots' face on loopback: the service is chosen by the Host header the request was meant for. */
export async function startRobotServer(robots: GroupRobots): Promise<RobotServer> {
  const server = http.createServer((request, response) => {
    void (async () => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '');
      const url = new URL(request.url ?? '/', `https://${host}`);
      const body = (await readBody(request)) ?? '';
      const kind = robots.kindOf(host);
      const fault = kind === undefined ? undefined : robots.takeFault(kind);
      if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault?.drop) {
        request.socket.destroy();
        return;
      }
      const reply = robots.handle(host, url, body, fault);
      response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(reply.json));
    })().catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A RobotPost that reaches the local robots instead of the real hosts, for commands run in-process. */
export function localRobotPost(serverUrl: string): RobotPost {
  const local = new URL(serverUrl);
  return (address, body, timeoutMs) =>
    new Promise((resolve, reject) => {
      const target = new URL(address);
      const request = http.request(
        {
          host: local.hostname,
          port: local.port,
          path: `${target.pathname}${target.search}`,
          method: 'POST',
          headers: { host: target.host, 'content-type': 'application/json; charset=utf-8' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            clearTimeout(timer);
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
}

/** For setups with no robot configured: a post would fail as a refused connection does. */
export const noRobots: RobotPost = () =>
  Promise.reject(
    Object.assign(new Error('connect ECONNREFUSED: no group robot in this setup'), { code: 'ECONNREFUSED' }),
  );
