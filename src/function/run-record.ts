import { TIME_BUDGET_MS } from '../core/time-limits';
import type { CallContext } from '../core/wechat/openapi-call';
import { chinaLogTime } from '../core/china-time';
import type { LogFields } from '../core/logger';
import type { AlertReport } from '../contract/timer-run';
import type { AccountsResult } from '../contract/answers';
import type { RunRecord } from './heartbeat';

/** A run's record before its alerts are known: ok, nothing sent. */
export function runRecord(context: CallContext, accounts: number, live: number): RunRecord {
  const now = context.clock.now();
  return {
    at: now,
    ok: true,
    durationMs: now - (context.deadline - TIME_BUDGET_MS),
    accounts,
    live,
    alertsSent: 0,
    robotsSent: 0,
    alertNote: '',
    failure: null,
  };
}

/** Why a run that found low balances sent nothing, in a word the page translates; '' otherwise. */
export function alertNote(alerts: AlertReport): string {
  if (alerts.claim === 'held-by-another-run') return 'held-by-another-run';
  if (alerts.deferred.length > 0 || alerts.channels.some((channel) => channel.status === 'deferred')) return 'deferred';
  return '';
}

/** What a timer run's closing log line says of its balances, its history writes and its alerts. */
export function timerRunSummary(
  accounts: Pick<AccountsResult, 'accounts' | 'fetchedAt'>,
  live: number,
  stored: { kept: number; notKept: readonly unknown[]; profiles: number },
  alerts: AlertReport,
): LogFields {
  return {
    readAt: chinaLogTime(Date.parse(accounts.fetchedAt)),
    accounts: accounts.accounts.length,
    live,
    recorded: stored.kept,
    notRecorded: stored.notKept.length,
    profiles: stored.profiles,
    failed: accounts.accounts.filter((account) => account.error).length,
    alerted: alerts.alerted.length,
    claim: alerts.claim,
    recipients: alerts.recipients,
    sent: alerts.sent.length,
    notDelivered: alerts.failed.length,
    unknown: alerts.unknown.length,
    deferred: alerts.deferred.length,
    memoryRead: alerts.memory.read,
    memoryWritten: alerts.memory.written,
    robotsSent: alerts.channels.filter((channel) => channel.status === 'sent').length,
    robotsNotDelivered: alerts.channels.filter((channel) => channel.status === 'refused').length,
  };
}
