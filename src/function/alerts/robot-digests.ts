import { adminKey } from '../../core/accounts/account-key';
import type { RunBudget } from '../../core/run-budget';
import type { Logger } from '../../core/logger';
import { ROBOT_NAMES, type RobotAddressProblem, type RobotChannel } from '../../core/alerts/robots/robot-address';
import { buildDigest, type Digest } from '../../core/alerts/robots/robot-digest';
import { DEFERRED } from '../../core/alerts/robots/robot-outcome';
import type { RobotOutcome, ChannelReport } from '../../contract/channels';
import type { RobotPost } from '../../core/alerts/robots/robot-post';
import { ROBOT_CALL, sendToRobot } from '../../core/alerts/robots/robot-send';
import type { AlertConfig } from './settings';
import type { LiveAccount } from './plan';

/** Refusals that pass by themselves: a warning, not an error an operator must act on. */
const PASSING_REFUSALS: ReadonlySet<string> = new Set(['rate-limited', 'blocked', 'unreachable']);

/** The alert memory remembers a channel owed a digest under this key, as it does an admin. */
export function channelKey(channel: RobotChannel): string {
  return adminKey(`robot:${channel.id}`);
}

export interface ChannelSending {
  /** Channels not started for lack of time: owed, the next run sends them. */
  deferred: RobotChannel[];
  /** Started channels: their digest counts as probably delivered until its outcome says otherwise. */
  started: RobotChannel[];
  outcomes: Promise<Array<{ channel: RobotChannel; report: ChannelReport }>>;
}

export interface ChannelSendDeps {
  post: RobotPost;
  /** The run's time, shared with its database calls and subscribe messages. */
  budget: RunBudget;
  /** No post starts after this: the memory write that records it must still fit. */
  latestStart: number;
  log: Logger;
}

/**
 * One digest per channel: every low account, most urgent first. Each channel is posted to on its own,
 * so a failing robot never holds up another or the subscribe messages; nothing here throws.
 */
export function sendDigests(
  channels: readonly RobotChannel[],
  low: readonly LiveAccount[],
  config: Pick<AlertConfig, 'lowThreshold' | 'alertDays'>,
  deps: ChannelSendDeps,
): ChannelSending {
  const digest = buildDigest(low, config);
  // Decided here, with the rule sendToRobot applies: a channel counted as started must be posted to.
  const deferred = deps.budget.mayStart(ROBOT_CALL, deps.latestStart) ? [] : [...channels];
  const started = deferred.length > 0 ? [] : [...channels];
  const outcomes = Promise.all([
    ...deferred.map(async (channel) => ({ channel, report: report(channel, digest, { ...DEFERRED, attempts: 0 }) })),
    ...started.map(async (channel) => {
      const result = await sendToRobot(channel, digest, deps);
      logOutcome(deps.log, channel, result);
      return { channel, report: report(channel, digest, result) };
    }),
  ]);
  return { deferred, started, outcomes };
}

function report(channel: RobotChannel, digest: Digest, result: RobotOutcome & { attempts: number }): ChannelReport {
  return { kind: channel.kind, address: channel.masked, accounts: digest.count, ...result };
}

function logOutcome(log: Logger, channel: RobotChannel, result: RobotOutcome & { attempts: number }): void {
  if (result.status === 'sent') return;
  const fields = {
    robot: `${ROBOT_NAMES[channel.kind]} ${channel.masked}`,
    status: result.status,
    ...('reason' in result ? { reason: result.reason } : {}),
    ...('errCode' in result && result.errCode !== undefined ? { errCode: result.errCode } : {}),
    ...('detail' in result && result.detail !== undefined ? { detail: result.detail } : {}),
    attempts: result.attempts,
    fix: result.hint,
  };
  const operatorMustFix = result.status === 'refused' && !PASSING_REFUSALS.has(result.reason);
  log[operatorMustFix ? 'error' : 'warn']('low-balance digest not delivered to a group robot', fields);
}

/** Channels a run could not post to for lack of time, as the report lists them: each is owed the digest. */
export function deferredChannels(channels: readonly RobotChannel[], accounts: number): ChannelReport[] {
  return channels.map((channel) => ({
    kind: channel.kind,
    address: channel.masked,
    accounts,
    attempts: 0,
    ...DEFERRED,
  }));
}

/** The entries of QUOTA_ALERT_WEBHOOKS that are not robot addresses, as the report lists them. */
export function invalidChannels(problems: readonly RobotAddressProblem[]): ChannelReport[] {
  return problems.map(({ entry, message }) => ({ entry, status: 'invalid', code: 'CONFIG_INVALID', message }));
}
