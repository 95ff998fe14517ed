import { createHmac } from 'node:crypto';

/** Feishu / Lark: the key is "{timestamp}\n{secret}" and the message empty; the timestamp is in seconds. */
export function feishuSignature(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** DingTalk 加签: the key is the secret and the message "{timestamp}\n{secret}"; the timestamp is in milliseconds. */
export function dingtalkSignature(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}
