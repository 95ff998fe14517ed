import type { RobotChannel } from './robot-address';
import type { RobotKind } from '../../../contract/channels';
import { moreLine, type Digest } from './robot-digest';
import { dingtalkSignature, feishuSignature } from './robot-signature';

/** What each service takes at most, in UTF-8 bytes: WeCom's markdown content, Feishu's and DingTalk's whole body. */
export const ROBOT_SIZE_LIMITS: Readonly<Record<RobotKind, { bytes: number; of: 'content' | 'body' }>> = {
  wecom: { bytes: 4_096, of: 'content' },
  feishu: { bytes: 20_000, of: 'body' },
  dingtalk: { bytes: 20_000, of: 'body' },
};

export interface RobotRequest {
  url: string;
  body: string;
}

type Rendered = { body: Record<string, unknown>; content: string };

const RENDER: Readonly<Record<RobotKind, (digest: Digest, lines: readonly string[]) => Rendered>> = {
  wecom: (digest, lines) => {
    const content = [`**${digest.title}**`, digest.intro, ...lines.map((line) => `> ${line}`)].join('\n');
    return { body: { msgtype: 'markdown', markdown: { content } }, content };
  },
  feishu: (digest, lines) => {
    const content = [digest.intro, ...lines].join('\n');
    const paragraphs = [digest.intro, ...lines].map((text) => [{ tag: 'text', text }]);
    return {
      body: { msg_type: 'post', content: { post: { zh_cn: { title: digest.title, content: paragraphs } } } },
      content,
    };
  },
  dingtalk: (digest, lines) => {
    const content = [`#### ${digest.title}`, digest.intro, ...lines.map((line) => `- ${line}`)].join('\n\n');
    return { body: { msgtype: 'markdown', markdown: { title: digest.title, text: content } }, content };
  },
};

function size(kind: RobotKind, rendered: Rendered): number {
  const measured = ROBOT_SIZE_LIMITS[kind].of === 'content' ? rendered.content : JSON.stringify(rendered.body);
  return Buffer.byteLength(measured, 'utf8');
}

/** The most of the digest that fits the service's limit: whole lines only, the rest counted in one last line. */
function fitted(kind: RobotKind, digest: Digest): Rendered {
  const render = (shown: number) =>
    RENDER[kind](
      digest,
      shown === digest.lines.length
        ? digest.lines
        : [...digest.lines.slice(0, shown), moreLine(digest.lines.length - shown)],
    );
  const whole = render(digest.lines.length);
  // Room for the signature fields added after fitting.
  const limit = ROBOT_SIZE_LIMITS[kind].bytes - SIGNATURE_ROOM_BYTES;
  if (size(kind, whole) <= limit) return whole;
  let low = 0;
  let high = digest.lines.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (size(kind, render(middle)) <= limit) low = middle;
    else high = middle - 1;
  }
  return render(low);
}

const SIGNATURE_ROOM_BYTES = 96;

/**
 * The HTTPS request that posts `digest` to one robot at `now`: the service's format, cut to its size
 * limit, signed when the robot has a secret (Feishu in the body, DingTalk in the query string).
 */
export function robotRequest(channel: RobotChannel, digest: Digest, now: number): RobotRequest {
  const { body } = fitted(channel.kind, digest);
  if (channel.secret === undefined) return { url: channel.url, body: JSON.stringify(body) };
  if (channel.kind === 'feishu') {
    const timestamp = Math.floor(now / 1000);
    return {
      url: channel.url,
      body: JSON.stringify({ timestamp: String(timestamp), sign: feishuSignature(timestamp, channel.secret), ...body }),
    };
  }
  const url = new URL(channel.url);
  url.searchParams.set('timestamp', String(now));
  url.searchParams.set('sign', dingtalkSignature(now, channel.secret));
  return { url: url.toString(), body: JSON.stringify(body) };
}
