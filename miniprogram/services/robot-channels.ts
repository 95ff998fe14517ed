/**
 * The group robots as the page shows them: the channels configured (masked by the function) and the
 * outcome of 发送测试消息, checked field by field like every answer of the function.
 */
import type {
  ChannelList as FunctionChannelList,
  RobotKind,
  RobotTestResult as FunctionRobotTestResult,
} from '../contract/channels';
import { isInteger, isRecord, isString, ownValue, readList, type Reader } from './wire-checks';

/** The robots the function lists; a kind newer than this page is shown by its name. */
export interface ChannelList extends Omit<FunctionChannelList, 'configured'> {
  configured: Array<{ kind: string; address: string }>;
}

/** One channel's outcome of a test (the contract's ChannelReport), read loosely: newer statuses are shown by name. */
export interface ChannelOutcome {
  kind?: string;
  address?: string;
  entry?: number;
  status: string;
  reason?: string;
  errCode?: number;
}

export interface RobotTestResult extends Omit<FunctionRobotTestResult, 'channels'> {
  channels: ChannelOutcome[];
}

const KIND_NAMES: Readonly<Record<RobotKind, string>> = { wecom: '企业微信', feishu: '飞书', dingtalk: '钉钉' };

export function robotName(kind: string): string {
  return ownValue(KIND_NAMES, kind) ?? kind;
}

const readConfigured: Reader<{ kind: string; address: string }> = (value) =>
  isRecord(value) && isString(value.kind) && isString(value.address)
    ? { kind: value.kind, address: value.address }
    : undefined;

const readInvalid: Reader<{ entry: number; message: string }> = (value) =>
  isRecord(value) && isInteger(value.entry) && isString(value.message)
    ? { entry: value.entry, message: value.message }
    : undefined;

export const readChannelList: Reader<ChannelList> = (value) => {
  if (!isRecord(value)) return undefined;
  const configured = readList(value.configured, readConfigured);
  const invalid = readList(value.invalid, readInvalid);
  return configured && invalid ? { configured, invalid } : undefined;
};

const readOutcome: Reader<ChannelOutcome> = (value) => {
  if (!isRecord(value) || !isString(value.status)) return undefined;
  const { kind, address, entry, reason, errCode } = value;
  if (kind !== undefined && !isString(kind)) return undefined;
  if (address !== undefined && !isString(address)) return undefined;
  if (entry !== undefined && !isInteger(entry)) return undefined;
  if (reason !== undefined && !isString(reason)) return undefined;
  if (errCode !== undefined && !isInteger(errCode)) return undefined;
  const outcome: ChannelOutcome = { status: value.status };
  if (kind !== undefined) outcome.kind = kind;
  if (address !== undefined) outcome.address = address;
  if (entry !== undefined) outcome.entry = entry;
  if (reason !== undefined) outcome.reason = reason;
  if (errCode !== undefined) outcome.errCode = errCode;
  return outcome;
};

export const readRobotTest: Reader<RobotTestResult> = (value) => {
  if (!isRecord(value) || !isString(value.sentAt)) return undefined;
  const channels = readList(value.channels, readOutcome);
  return channels ? { sentAt: value.sentAt, channels } : undefined;
};

/** Why a robot refused (src/core/alerts/robots/robot-outcome.ts), in the words an admin acts on. */
const REFUSAL_TEXTS: Readonly<Record<string, string>> = {
  address: '地址错误或机器人已被移除：请重新复制机器人的 Webhook 地址到 QUOTA_ALERT_WEBHOOKS。',
  signature: '签名校验失败：请把机器人安全设置中的密钥写在地址后的 # 之后，或关闭签名校验。',
  keyword: '没有包含机器人要求的关键词：请在机器人安全设置中添加关键词「面单余额」。',
  ip: '机器人只接受白名单 IP，云函数没有固定 IP：请改用关键词或签名校验。',
  'rate-limited': '发送太频繁，被限流：请稍后再试。',
  blocked: '钉钉机器人因一分钟内消息超过 20 条被限制 10 分钟：请稍后再试。',
  'too-large': '消息超过了该平台的长度限制。',
  unreachable: '云函数连不上该平台：请稍后再试。',
  refused: '平台拒绝了这条消息。',
};

/** One line per channel: which robot, and what became of the test message. */
export function outcomeText(outcome: ChannelOutcome): string {
  if (outcome.status === 'invalid') return `QUOTA_ALERT_WEBHOOKS 第 ${outcome.entry ?? '?'} 项不是有效的机器人地址。`;
  const name = `${robotName(outcome.kind ?? '')} ${outcome.address ?? ''}`.trim();
  if (outcome.status === 'sent') return `${name}：已发送，请到群里查看。`;
  if (outcome.status === 'unknown') return `${name}：平台没有及时答复，消息可能已发出，请到群里确认。`;
  if (outcome.status === 'deferred') return `${name}：时间不够，没有发送，请稍后再试。`;
  const because = (outcome.reason && ownValue(REFUSAL_TEXTS, outcome.reason)) ?? REFUSAL_TEXTS.refused;
  const code = outcome.errCode === undefined ? '' : `（错误码 ${outcome.errCode}）`;
  return `${name}：发送失败${code}，${because}`;
}
