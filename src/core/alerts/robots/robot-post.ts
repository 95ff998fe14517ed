import https from 'node:https';

/** A robot's answer: its HTTP status and body as text. */
export interface RobotAnswer {
  status: number;
  text: string;
}

/**
 * Posts a JSON body to a robot. Injected: the function and the CLI use node's https (the cloud's Node 16
 * has no fetch), tests a local robot. Rejects on a transport failure or after `timeoutMs`, counted
 * from the start, however slowly the answer drips.
 */
export type RobotPost = (url: string, body: string, timeoutMs: number) => Promise<RobotAnswer>;

/** A robot's answer is a few hundred bytes; more is read no further. */
const MAX_ANSWER_BYTES = 64 * 1024;

export class RobotTimeout extends Error {
  override readonly name = 'RobotTimeout' as const;
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

export const httpsRobotPost: RobotPost = (url, body, timeoutMs) =>
  new Promise((resolve, reject) => {
    const request = https.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' } },
      (response) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', fail);
      },
    );
    const timer = setTimeout(() => request.destroy(new RobotTimeout(timeoutMs)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(body);
  });
