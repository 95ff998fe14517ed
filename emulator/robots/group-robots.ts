import type { RobotKind } from '../../src/contract/channels';
import {
  accept,
  keyOf,
  messageText,
  overSize,
  refuse,
  signatureValid,
  type EmulatedRobot,
  type RobotReply,
} from './robot-rules';

/** The hosts the emulator answers for, and the kind of robot each serves. */
export const ROBOT_HOSTS: Readonly<Record<string, RobotKind>> = {
  'qyapi.weixin.qq.com': 'wecom',
  'open.feishu.cn': 'feishu',
  'open.larksuite.com': 'feishu',
  'oapi.dingtalk.com': 'dingtalk',
};

const MINUTE_MS = 60_000;
/** Messages a minute per robot, and Feishu's per second; DingTalk blocks a robot that exceeds its own for 10 minutes. */
const PER_MINUTE: Readonly<Record<RobotKind, number>> = { wecom: 20, feishu: 100, dingtalk: 20 };
const FEISHU_PER_SECOND = 5;
const DINGTALK_BLOCK_MS = 10 * MINUTE_MS;

/** One post as a robot received it, accepted or not. */
export interface ReceivedPost {
  kind: RobotKind;
  key: string;
  at: number;
  body: Record<string, unknown>;
  /** The text the group would show: every string of the message. */
  text: string;
  accepted: boolean;
  reply: Record<string, unknown>;
}

/** A fault the next posts meet: a fixed answer, a delay before answering, or a dropped connection. */
export interface RobotFault {
  kind?: RobotKind;
  reply?: RobotReply;
  delayMs?: number;
  drop?: boolean;
  /** How many posts it applies to; every post when absent. */
  times?: number;
}

/**
 * The three services' group robots, checking what each checks: the address's key, the signature and its
 * timestamp window, the keyword rule, the size limits and the rate limits (and DingTalk's block).
 */
export class GroupRobots {
  readonly received: ReceivedPost[] = [];
  private readonly robots = new Map<string, EmulatedRobot>();
  private readonly blockedUntil = new Map<string, number>();
  private faults: RobotFault[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  add(robot: EmulatedRobot): void {
    this.robots.set(`${robot.kind}:${robot.key}`, robot);
  }

  addFault(fault: RobotFault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  kindOf(host: string): RobotKind | undefined {
    return ROBOT_HOSTS[host];
  }

  /** The accepted posts of one kind (or all), oldest first. */
  accepted(kind?: RobotKind): ReceivedPost[] {
    return this.received.filter((post) => post.accepted && (kind === undefined || post.kind === kind));
  }

  /** The next fault for a post to this kind, used up by it. */
  takeFault(kind: RobotKind): RobotFault | undefined {
    const fault = this.faults.find((candidate) => candidate.kind === undefined || candidate.kind === kind);
    if (fault?.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    }
    return fault;
  }

  /** Answers one post to `host` at the address `url` (path and query) with the raw body. */
  handle(host: string, url: URL, rawBody: string, fault?: RobotFault): RobotReply {
    const kind = ROBOT_HOSTS[host];
    if (kind === undefined) return { status: 404, json: { error: `no robot service at ${host}` } };
    const key = keyOf(kind, url);
    const robot = key === undefined ? undefined : this.robots.get(`${kind}:${key}`);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(rawBody) as Record<string, unknown>;
    } catch {
      return this.record(kind, key ?? '', body, refuse(kind, kind === 'feishu' ? 9499 : 40008, 'invalid json'));
    }
    const reply = fault?.reply ?? this.check(kind, robot, url, rawBody, body);
    return this.record(kind, key ?? '', body, reply);
  }

  private check(
    kind: RobotKind,
    robot: EmulatedRobot | undefined,
    url: URL,
    rawBody: string,
    body: Record<string, unknown>,
  ): RobotReply {
    const now = this.now();
    if (robot === undefined) {
      if (kind === 'wecom') return refuse(kind, 93000, 'invalid webhook url');
      if (kind === 'feishu') return refuse(kind, 19001, 'param invalid: incoming webhook access token invalid');
      return refuse(kind, 300001, 'token is not exist');
    }
    const id = `${kind}:${robot.key}`;
    if ((this.blockedUntil.get(id) ?? 0) > now)
      return refuse(kind, 130101, 'send too fast, exceed 20 times per minute');
    const tooFast = this.rateLimited(robot, now);
    if (tooFast) return tooFast;
    if (!signatureValid(robot, url, body, now)) {
      return kind === 'feishu'
        ? refuse(kind, 19021, 'sign match fail or timestamp is not within one hour from current time')
        : refuse(kind, 310000, 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]');
    }
    const text = messageText(kind, body);
    if (robot.keywords && !robot.keywords.some((keyword) => text.includes(keyword))) {
      return kind === 'feishu'
        ? refuse(kind, 19024, 'Key Words Not Found')
        : refuse(kind, 310000, 'keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]');
    }
    return overSize(kind, rawBody, body) ?? accept(kind);
  }

  private rateLimited(robot: EmulatedRobot, now: number): RobotReply | undefined {
    const id = `${robot.kind}:${robot.key}`;
    const recent = this.received.filter(
      (post) => post.accepted && `${post.kind}:${post.key}` === id && now - post.at < MINUTE_MS,
    );
    if (robot.kind === 'feishu' && recent.filter((post) => now - post.at < 1_000).length >= FEISHU_PER_SECOND)
      return refuse(robot.kind, 11232, 'frequency limited psm');
    if (recent.length < PER_MINUTE[robot.kind]) return undefined;
    if (robot.kind === 'wecom') return refuse(robot.kind, 45009, 'api freq out of limit');
    if (robot.kind === 'feishu') return refuse(robot.kind, 11232, 'frequency limited psm');
    this.blockedUntil.set(id, now + DINGTALK_BLOCK_MS);
    return refuse(robot.kind, 130101, 'send too fast, exceed 20 times per minute');
  }

  private record(kind: RobotKind, key: string, body: Record<string, unknown>, reply: RobotReply): RobotReply {
    const accepted = reply.status === 200 && (reply.json.errcode === 0 || reply.json.code === 0);
    this.received.push({ kind, key, at: this.now(), body, text: messageText(kind, body), accepted, reply: reply.json });
    return reply;
  }
}
