import { TIME_BUDGET_MS } from '../core/time-limits';
import type { CallContext } from '../core/openapi-call';
import type { AlertReport } from './alerts/report';
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
