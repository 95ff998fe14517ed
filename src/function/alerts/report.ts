import type { AlertReport } from '../../contract/timer-run';
import type { AlertConfig } from './settings';
import type { LiveAccount } from './plan';
import type { SendOutcome } from './subscribe-sends';

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
