import type { AlertReason } from '../../core/alert-policy';
import type { ErrorCode } from '../../core/errors';
import type { AlertConfig } from './settings';
import type { AlertTarget, LiveAccount } from './plan';
import type { SendOutcome } from './subscribe-sends';
import type { ChannelReport } from './robot-digests';

type Touser = { touser: string };

export interface AlertReport {
  enabled: boolean;
  lowThreshold: number;
  /** `held-by-another-run`: an overlapping run is sending, so this one sent nothing. */
  claim: 'claimed' | 'held-by-another-run' | 'not-needed' | 'unavailable';
  alerted: Array<AlertTarget & { reason: AlertReason }>;
  unchanged: AlertTarget[];
  /** Admins owed a message this run: sent + failed + unknown + deferred always add up to it. */
  recipients: number;
  sent: Array<Touser & { accounts: number }>;
  /** Each with the fix (`hint`): what an operator reading the run must do. */
  failed: Array<Touser & { code: ErrorCode; errCode?: number; hint: string }>;
  /** Sends whose outcome is unknown (a timeout, abandoned at the deadline): counted as delivered, never repeated. */
  unknown: Array<Touser & { code: ErrorCode; errCode?: number; hint: string }>;
  /** Messages not started for lack of time: the next run sends them. */
  deferred: Touser[];
  /**
   * The alert memory's two database copies read and written (0–2 each). With none read, the run
   * judged by what this instance remembers; with none written, only this instance remembers the run.
   */
  memory: { read: number; written: number };
  /** Each group robot of QUOTA_ALERT_WEBHOOKS: sent, refused (and why, with the fix), unknown or deferred; invalid entries too. */
  channels: ChannelReport[];
}

export function emptyReport(config: Pick<AlertConfig, 'templateId' | 'lowThreshold'>): AlertReport {
  return {
    enabled: config.templateId !== undefined,
    lowThreshold: config.lowThreshold,
    claim: 'not-needed',
    alerted: [],
    unchanged: [],
    recipients: 0,
    sent: [],
    failed: [],
    unknown: [],
    deferred: [],
    memory: { read: 0, written: 0 },
    channels: [],
  };
}

/** Puts each admin's outcome in exactly one of the report's categories. */
export function recordOutcomes(
  report: AlertReport,
  outcomes: readonly SendOutcome[],
  recipients: ReadonlyArray<{ touser: string; accounts: readonly LiveAccount[] }>,
): void {
  const counts = new Map(recipients.map(({ touser, accounts }) => [touser, accounts.length]));
  for (const outcome of outcomes) {
    if (outcome.status === 'sent')
      report.sent.push({ touser: outcome.touser, accounts: counts.get(outcome.touser) ?? 0 });
    else if (outcome.status === 'deferred') report.deferred.push({ touser: outcome.touser });
    else {
      const { status, ...failure } = outcome;
      (status === 'failed' ? report.failed : report.unknown).push(failure);
    }
  }
}
