import type { RobotKind, RobotOutcome, RobotRefusal } from '../../../contract/channels';
import { ROBOT_KEYWORD } from './robot-digest';

const HINTS: Readonly<Record<RobotRefusal, string>> = {
  address: 'the address is wrong or the robot was removed: copy its webhook address again into QUOTA_ALERT_WEBHOOKS',
  signature:
    'the signature was refused: give the secret from the robot\'s security settings after "#" in QUOTA_ALERT_WEBHOOKS (or turn signing off)',
  keyword: `the robot's keyword rule refused the message: add the keyword ${ROBOT_KEYWORD} in its security settings`,
  ip: 'the robot accepts listed IP addresses only, and a cloud function has none fixed: use a keyword or a signature instead',
  'rate-limited': 'the robot was sent too many messages this minute: the next run sends the alert again',
  blocked:
    'DingTalk blocked the robot for 10 minutes after more than 20 messages in a minute: the next run sends the alert again; give each tool its own robot',
  'too-large': "the message was too large for the service: report this, with the run's log",
  unreachable: "the robot's host could not be reached from the function: the next run tries again",
  refused: 'the service refused the message: see its words in detail',
};

export function refusal(
  reason: RobotRefusal,
  extra: { errCode?: number; detail?: string } = {},
): Extract<RobotOutcome, { status: 'refused' }> {
  return { status: 'refused', reason, ...extra, hint: HINTS[reason] };
}

export function unknownOutcome(reason: 'timeout' | 'unreadable', detail?: string): RobotOutcome {
  return {
    status: 'unknown',
    reason,
    ...(detail === undefined ? {} : { detail }),
    hint: 'the robot may have posted the message: counted as delivered, not sent again',
  };
}

export const DEFERRED: RobotOutcome = {
  status: 'deferred',
  hint: 'not sent for lack of time in this run: the next run sends it',
};

/** Each service's codes for the refusals it documents; any other non-zero code is a refusal with its text. */
const CODES: Readonly<Record<RobotKind, Readonly<Record<number, RobotRefusal>>>> = {
  wecom: { 93000: 'address', 45009: 'rate-limited', 40008: 'refused', 40058: 'too-large' },
  feishu: {
    19001: 'address',
    19021: 'signature',
    19022: 'ip',
    19024: 'keyword',
    11232: 'rate-limited',
    9499: 'refused',
  },
  dingtalk: { 300001: 'address', 130101: 'blocked', 310000: 'refused' },
};

/** DingTalk answers 310000 for three rules; its errmsg says which. */
function dingtalkRule(detail: string): RobotRefusal {
  if (/keyword|关键词/i.test(detail)) return 'keyword';
  if (/sign|签名/i.test(detail)) return 'signature';
  if (/\bip\b/i.test(detail)) return 'ip';
  return 'refused';
}

const DETAIL_CHARS = 120;

/**
 * The outcome of an answered request: `secrets` (the key, the token, the secret) are cut out of the
 * service's words before they reach a report or a log.
 */
export function classifyRobotAnswer(
  kind: RobotKind,
  httpStatus: number,
  text: string,
  secrets: readonly string[],
): RobotOutcome {
  let answer: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      answer = parsed as Record<string, unknown>;
  } catch {
    answer = undefined;
  }
  const rawCode = answer?.errcode ?? answer?.code ?? answer?.StatusCode;
  const rawText = answer?.errmsg ?? answer?.msg ?? answer?.StatusMessage;
  const detail = redact(typeof rawText === 'string' ? rawText : text, secrets).slice(0, DETAIL_CHARS);
  if (typeof rawCode !== 'number') {
    if (httpStatus === 404) return refusal('address', { detail });
    if (httpStatus === 413) return refusal('too-large', { detail });
    if (httpStatus === 429) return refusal('rate-limited', { detail });
    if (httpStatus >= 400 && httpStatus < 500) return refusal('refused', { detail });
    return unknownOutcome('unreadable', `HTTP ${httpStatus}: ${detail}`);
  }
  if (rawCode === 0) return { status: 'sent' };
  const known = CODES[kind][rawCode];
  const reason = kind === 'dingtalk' && rawCode === 310000 ? dingtalkRule(detail) : (known ?? 'refused');
  return refusal(reason, { errCode: rawCode, detail });
}

/** Transport failures before a connection existed: nothing was sent, so nothing can have been posted. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** The outcome of a request that got no answer. */
export function classifyRobotFailure(error: unknown, secrets: readonly string[]): RobotOutcome {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = redact(error instanceof Error ? error.message : String(error), secrets).slice(0, DETAIL_CHARS);
  if (typeof code === 'string' && NEVER_CONNECTED.has(code)) return refusal('unreachable', { detail: message });
  return unknownOutcome('timeout', message);
}

/**
 * The should-retry predicate: only a refusal that may pass a moment later, within the same run, and
 * never DingTalk's rate limit, which a retry would turn into a longer block.
 */
export function mayRetryRobot(outcome: RobotOutcome): boolean {
  return outcome.status === 'refused' && (outcome.reason === 'rate-limited' || outcome.reason === 'unreachable');
}

function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length > 0).reduce((result, secret) => result.split(secret).join('…'), text);
}
