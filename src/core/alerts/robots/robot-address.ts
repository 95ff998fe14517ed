import { createHash } from 'node:crypto';
import type { RobotKind } from '../../../contract/channels';

export const WEBHOOKS_VARIABLE = 'QUOTA_ALERT_WEBHOOKS';

/** How each kind is named to people: in the report, the log and (translated) on the page. */
export const ROBOT_NAMES: Readonly<Record<RobotKind, string>> = {
  wecom: 'WeCom',
  feishu: 'Feishu',
  dingtalk: 'DingTalk',
};

/** One group robot the alerts post to. `url` and `secret` are secrets: only `id` and `masked` ever leave the function. */
export interface RobotChannel {
  kind: RobotKind;
  url: string;
  /** The signing secret (Feishu's 签名校验, DingTalk's 加签), given after `#` in the variable. */
  secret?: string;
  /** A stable, non-reversible name for the alert memory and the report: the same address, the same id. */
  id: string;
  /** The host and the last characters of the key: enough to tell two robots apart, not to post to one. */
  masked: string;
}

/** An entry of the variable that is not a robot address: said by position, never echoing the key or the secret. */
export interface RobotAddressProblem {
  entry: number;
  message: string;
}

/** Like zod's safeParse, per entry: the channels that parsed keep working beside the entries that did not. */
export interface RobotAddresses {
  channels: RobotChannel[];
  problems: RobotAddressProblem[];
}

const HOSTS: Readonly<Record<string, RobotKind>> = {
  'qyapi.weixin.qq.com': 'wecom',
  'open.feishu.cn': 'feishu',
  'open.larksuite.com': 'feishu',
  'oapi.dingtalk.com': 'dingtalk',
};

const EXAMPLES: Readonly<Record<RobotKind, string>> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/<token>[#<secret>]',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=<token>[#SEC<secret>]',
};

/** Shown only when the key is long enough that four characters give nothing away. */
const MASK_MIN_KEY_LENGTH = 16;
const MASK_VISIBLE_CHARS = 4;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * The robots in QUOTA_ALERT_WEBHOOKS: addresses separated as the admin list is (commas, semicolons,
 * spaces or new lines), each optionally followed by `#` and its signing secret. A fragment never
 * leaves a client, so the secret cannot be mistaken for part of the address.
 */
export function parseRobotAddresses(raw: string | undefined): RobotAddresses {
  const entries = (raw ?? '').split(/[\s,，;；、]+/u).filter((entry) => entry.length > 0);
  const channels = new Map<string, RobotChannel>();
  const problems: RobotAddressProblem[] = [];
  entries.forEach((entry, index) => {
    const parsed = parseEntry(entry);
    if (typeof parsed === 'string') problems.push({ entry: index + 1, message: describe(index + 1, parsed) });
    else if (!channels.has(parsed.id)) channels.set(parsed.id, parsed);
  });
  return { channels: [...channels.values()], problems };
}

function describe(entry: number, detail: string): string {
  return (
    `${WEBHOOKS_VARIABLE} entry ${entry} ${detail}. ` +
    "Copy the robot's webhook address from the group's robot settings; see docs/alerts.md. The other entries keep working."
  );
}

function parseEntry(entry: string): RobotChannel | string {
  const hash = entry.indexOf('#');
  const address = hash < 0 ? entry : entry.slice(0, hash);
  const secret = hash < 0 ? undefined : entry.slice(hash + 1);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'is not an address: give one such as ' + EXAMPLES.wecom;
  }
  const kind = HOSTS[url.hostname];
  if (kind === undefined)
    return `is on the host "${url.hostname.slice(0, 64)}", which is not a WeCom, Feishu, Lark or DingTalk robot`;
  if (url.protocol !== 'https:') return `must start with https:// (${ROBOT_NAMES[kind]} robots take https only)`;
  if (url.username || url.password || url.port) return 'must not carry a user, a password or a port';
  const key = robotKey(kind, url);
  if (key === undefined || !TOKEN_PATTERN.test(key))
    return `is not a ${ROBOT_NAMES[kind]} robot address: it should look like ${EXAMPLES[kind]}`;
  const problem = secretProblem(kind, secret);
  if (problem !== undefined) return problem;
  const clean = `${url.origin}${url.pathname}${url.search}`;
  return {
    kind,
    url: clean,
    ...(secret ? { secret } : {}),
    id: createHash('sha256').update(clean).digest('hex').slice(0, 16),
    masked: mask(url.hostname, key),
  };
}

/** The channel's key or token: for the emulator, which must create the same robot. */
export function credentialOf(channel: RobotChannel): string {
  return robotKey(channel.kind, new URL(channel.url)) ?? '';
}

/** The credential in the address, where each service puts it; undefined when the path is not the robot's. */
function robotKey(kind: RobotKind, url: URL): string | undefined {
  if (kind === 'wecom')
    return url.pathname === '/cgi-bin/webhook/send' ? (url.searchParams.get('key') ?? undefined) : undefined;
  if (kind === 'dingtalk')
    return url.pathname === '/robot/send' ? (url.searchParams.get('access_token') ?? undefined) : undefined;
  const match = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(url.pathname);
  return match?.[1];
}

function secretProblem(kind: RobotKind, secret: string | undefined): string | undefined {
  if (secret === undefined) return undefined;
  if (kind === 'wecom') return 'has a secret after "#", but WeCom robots are not signed: remove it';
  if (!TOKEN_PATTERN.test(secret)) return 'has an empty or malformed secret after "#"';
  if (kind === 'dingtalk' && !secret.startsWith('SEC'))
    return 'has a secret after "#" that does not start with SEC, as DingTalk\'s 加签 secrets do';
  return undefined;
}

function mask(host: string, key: string): string {
  const tail = key.length >= MASK_MIN_KEY_LENGTH ? key.slice(-MASK_VISIBLE_CHARS) : '';
  return `${host} …${tail}`;
}
