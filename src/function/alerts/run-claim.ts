import { logFailure } from '../../core/log-failure';
import { ALERT_LEASE_TTL_MS } from '../../core/time-limits';
import type { CallContext } from '../../core/wechat/openapi-call';
import { chinaLogTime } from '../../core/china-time';
import { ranOutOfTime } from '../../core/run-budget';
import { toQuotaError } from '../../core/errors/to-quota-error';
import type { Lease } from './lease';
import type { AlertReport } from '../../contract/timer-run';

/** The one lease every alert run takes before sending: of overlapping runs, only its holder sends. */
export const ALERT_LEASE_KEY = 'alerts-run';

/** How a run's claim came out; `late`: the database did not answer in time. */
export type Claim = AlertReport['claim'] | 'late';

/** What claiming and the end-of-run writes need of a run. */
export interface ClaimDeps {
  lease: Lease;
  context: Pick<CallContext, 'log'>;
}

export function releaseClaim(deps: ClaimDeps, owner: string): Promise<void> {
  return writeLogged(deps, 'releasing the alert claim', () => deps.lease.release(ALERT_LEASE_KEY, owner), 'info');
}

export async function claimRun(deps: ClaimDeps, owner: string): Promise<Claim> {
  try {
    const claim = await deps.lease.claim(ALERT_LEASE_KEY, owner, ALERT_LEASE_TTL_MS);
    if (claim.status === 'claimed') return 'claimed';
    if (claim.status === 'held') {
      deps.context.log.info('low-balance alerts: another run is sending them', { until: chinaLogTime(claim.until) });
      return 'held-by-another-run';
    }
    deps.context.log.error('low-balance alerts: the claim document is not ours; alerting without a claim', {
      reason: claim.reason,
      fix: 'set quota_alerts to 仅管理端可读写 and delete the document alerts-run',
    });
    return 'unavailable';
  } catch (raw) {
    if (ranOutOfTime(raw)) return 'late';
    // A database that fails outright cannot tell who else runs: alert anyway (an alert twice beats an alert never).
    logFailure(deps.context.log, 'warn', 'low-balance alerts: could not claim the run; alerting without a claim', raw);
    return 'unavailable';
  }
}

/** A database write of the run's end: a failure is logged, never thrown. */
export async function writeLogged(
  deps: ClaimDeps,
  what: string,
  write: () => Promise<void>,
  level: 'info' | 'error' = 'error',
): Promise<void> {
  try {
    await write();
  } catch (raw) {
    // What is not written may be repeated or missed by the next run: an operator should know.
    logFailure(deps.context.log, level, `alert memory: ${what} failed`, raw, {
      detail: toQuotaError(raw).message.slice(0, 160),
    });
  }
}
