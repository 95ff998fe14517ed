import { createHmac } from 'node:crypto';
import type { RobotKind } from '../../src/contract/channels';

/** One robot as its group created it: the credential in its address, and its security settings. */
export interface EmulatedRobot {
  kind: RobotKind;
  /** WeCom's key, Feishu's hook token, DingTalk's access_token. */
  key: string;
  /** Feishu's 签名校验 secret or DingTalk's 加签 secret (SEC…): unsigned or wrongly signed posts are refused. */
  secret?: string;
  /** A keyword rule: a message without one of these words is refused. */
  keywords?: string[];
}

/** What a service answers: its HTTP status and JSON. */
export interface RobotReply {
  status: number;
  json: Record<string, unknown>;
}

/** How far a signed timestamp may be from the service's clock. */
export const SIGNATURE_WINDOW_MS = 3_600_000;

/** Each service's answer shape for a refusal: WeCom and DingTalk say errcode/errmsg, Feishu code/msg. */
export function refuse(kind: RobotKind, code: number, message: string): RobotReply {
  return kind === 'feishu'
    ? { status: 200, json: { code, msg: message, data: {} } }
    : { status: 200, json: { errcode: code, errmsg: message } };
}

export function accept(kind: RobotKind): RobotReply {
  return kind === 'feishu'
    ? { status: 200, json: { code: 0, msg: 'success', data: {} } }
    : { status: 200, json: { errcode: 0, errmsg: 'ok' } };
}

/** The credential in a request's address, where each service reads it; undefined when the path is not a robot's. */
export function keyOf(kind: RobotKind, url: URL): string | undefined {
  if (kind === 'wecom')
    return url.pathname === '/cgi-bin/webhook/send' ? (url.searchParams.get('key') ?? undefined) : undefined;
  if (kind === 'dingtalk')
    return url.pathname === '/robot/send' ? (url.searchParams.get('access_token') ?? undefined) : undefined;
  return /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(url.pathname)?.[1];
}

/** Whether the post carries a valid, current signature, computed independently of the function's code. */
export function signatureValid(robot: EmulatedRobot, url: URL, body: Record<string, unknown>, now: number): boolean {
  if (robot.secret === undefined) return true;
  if (robot.kind === 'feishu') {
    const timestamp = Number(body.timestamp);
    if (!Number.isInteger(timestamp) || Math.abs(now - timestamp * 1000) > SIGNATURE_WINDOW_MS) return false;
    const expected = createHmac('sha256', `${timestamp}\n${robot.secret}`).digest('base64');
    return body.sign === expected;
  }
  const timestamp = Number(url.searchParams.get('timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > SIGNATURE_WINDOW_MS) return false;
  const expected = createHmac('sha256', robot.secret).update(`${timestamp}\n${robot.secret}`).digest('base64');
  return url.searchParams.get('sign') === expected;
}

/** The text a group sees of a message (title and content): what a keyword rule reads. */
export function messageText(kind: RobotKind, body: Record<string, unknown>): string {
  const field = (name: string, key: string) => {
    const part = body[name] as Record<string, unknown> | undefined;
    return typeof part?.[key] === 'string' ? part[key] : undefined;
  };
  if (kind === 'wecom') return field('markdown', 'content') ?? field('text', 'content') ?? '';
  if (kind === 'dingtalk')
    return [field('markdown', 'title'), field('markdown', 'text') ?? field('text', 'content')]
      .filter(Boolean)
      .join('\n');
  const content = body.content as
    { text?: unknown; post?: { zh_cn?: { title?: unknown; content?: unknown } } } | undefined;
  if (typeof content?.text === 'string') return content.text;
  const post = content?.post?.zh_cn;
  const paragraphs = Array.isArray(post?.content) ? (post.content as Array<Array<{ text?: unknown }>>) : [];
  const lines = paragraphs.map((paragraph) =>
    (Array.isArray(paragraph) ? paragraph : [])
      .map((item) => (typeof item.text === 'string' ? item.text : ''))
      .join(''),
  );
  return [typeof post?.title === 'string' ? post.title : '', ...lines].filter(Boolean).join('\n');
}

/** The size a service limits, in UTF-8 bytes: WeCom's markdown (or text) content, the whole body elsewhere. */
export function overSize(kind: RobotKind, rawBody: string, body: Record<string, unknown>): RobotReply | undefined {
  if (kind === 'wecom') {
    const markdown = (body.markdown as { content?: unknown } | undefined)?.content;
    const text = (body.text as { content?: unknown } | undefined)?.content;
    if (typeof markdown === 'string' && Buffer.byteLength(markdown) > 4_096)
      return refuse(kind, 40058, 'markdown.content exceed max length 4096');
    if (typeof text === 'string' && Buffer.byteLength(text) > 2_048)
      return refuse(kind, 40058, 'text.content exceed max length 2048');
    if (typeof markdown !== 'string' && typeof text !== 'string') return refuse(kind, 40008, 'invalid message type');
    return undefined;
  }
  if (Buffer.byteLength(rawBody) > 20_000)
    return kind === 'feishu' ? refuse(kind, 9499, 'request body too large') : refuse(kind, 460101, 'message too long');
  return undefined;
}
