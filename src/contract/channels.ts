/* The group robots the alerts post to, on the wire: the page lists them and shows a test's outcome. */

export type RobotKind = 'wecom' | 'feishu' | 'dingtalk';

/** The robots of QUOTA_ALERT_WEBHOOKS (addresses masked), and its entries that are not robot addresses. */
export interface ChannelList {
  configured: Array<{ kind: RobotKind; address: string }>;
  invalid: Array<{ entry: number; message: string }>;
}

/** Why a robot certainly did not post the message. */
export type RobotRefusal =
  'address' | 'signature' | 'keyword' | 'ip' | 'rate-limited' | 'blocked' | 'too-large' | 'unreachable' | 'refused';

/**
 * What became of one robot's message. `unknown`: the service may have posted it (a timeout, a dropped
 * connection, an unreadable answer), so it counts as delivered and is never sent again blindly.
 * `deferred`: not started, for lack of time; the next run sends it.
 */
export type RobotOutcome =
  | { status: 'sent' }
  | { status: 'refused'; reason: RobotRefusal; errCode?: number; detail?: string; hint: string }
  | { status: 'unknown'; reason: 'timeout' | 'unreadable'; detail?: string; hint: string }
  | { status: 'deferred'; hint: string };

/** One channel's outcome: a robot's (masked), or an entry of QUOTA_ALERT_WEBHOOKS that is not a robot address. */
export type ChannelReport =
  | ({ kind: RobotKind; address: string; accounts: number; attempts: number } & RobotOutcome)
  | { entry: number; status: 'invalid'; code: 'CONFIG_INVALID'; message: string };

/** The answer to `{ testAlertChannels: true }`: each channel's outcome, invalid entries included. */
export interface RobotTestResult {
  sentAt: string;
  channels: ChannelReport[];
}
