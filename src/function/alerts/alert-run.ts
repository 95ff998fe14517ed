import { randomUUID } from 'node:crypto';
import type { AccountRef } from '../balance-history';
import { budgetedDatabase } from '../budgeted-database';
import { collectionAccess } from '../database';
import { HISTORY_COLLECTION, ALERT_COLLECTION } from '../../contract/values';
import { finishRun } from './finish-run';
import { createLease } from './lease';
import { createAlertMemory, type LoadedMemory } from './memory';
import type { AlertAccount } from './plan';
import { emptyReport } from './report';
import type { AlertReport } from '../../contract/timer-run';
import { invalidChannels } from './robot-digests';
import { claimRun, releaseClaim, type Claim } from './run-claim';
import { hasRecipients, type AlertDeps, type AlertRun } from './run-deps';

export { ALERT_LEASE_KEY } from './run-claim';
export { ALERT_PAGE } from '../../contract/values';
export type { AlertDeps } from './run-deps';
export type { AlertReport } from '../../contract/timer-run';

/** A timer run's alerts, started before its balances are known. */
export interface AlertRunStart {
  /** The accounts are listed: the memory is read (with the first release's records of them) while their balances are. */
  readonly listed: (accounts: readonly AccountRef[]) => void;
  /** The balances are in: decide per account, send each admin one summary, record it, give the claim back. */
  finish(result: { accounts: readonly AlertAccount[] }): Promise<AlertReport>;
  /** The balances could not be read: nothing is sent, and a claim taken is given back. */
  abandon(): Promise<void>;
}

/**
 * Starts one alert run as soon as the timer run knows it alerts: the claim (a conditional write) and
 * the memory read (two small documents, whatever the number of accounts, once they are listed) start at once, so that
 * their latency overlaps the balance reads instead of following them. Which accounts are low is not
 * known yet, so a run with recipients claims anyway, and gives the claim back when nothing is low.
 * Every database call and send starts only with time left for it; what does not fit waits for the next run.
 */
export function startAlertRun(alertDeps: AlertDeps): AlertRunStart {
  const { config, context, channels } = alertDeps;
  const { templateId } = config;
  if (templateId === undefined && channels.length === 0)
    return {
      listed: () => undefined,
      finish: async () => ({ ...emptyReport(config), channels: invalidChannels(alertDeps.channelProblems) }),
      abandon: async () => undefined,
    };
  // Subscribe messages need a template; the group robots need nothing more than their addresses.
  const admins = templateId === undefined ? [] : alertDeps.admins;
  if (templateId !== undefined && admins.length === 0)
    context.log.warn('low-balance subscribe messages have no recipients: set QUOTA_ADMIN_OPENIDS');
  const within = (name: string) =>
    collectionAccess(() => budgetedDatabase(alertDeps.openDatabase, alertDeps.budget), name);
  const alerts = within(ALERT_COLLECTION);
  const deps: AlertRun = {
    ...alertDeps,
    admins,
    memory: createAlertMemory(alerts, within(HISTORY_COLLECTION), alertDeps.instanceMemory, context.clock, context.log),
    lease: createLease(alerts, context.clock),
  };
  // Unique across instances: two runs started in the same millisecond must not mistake each other's claim for their own.
  const owner = randomUUID();
  // The claim starts first: it takes no claim released after it began, so a won claim's memory read is not older than the last holder's writes.
  const claim = hasRecipients(deps) ? claimRun(deps, owner) : Promise.resolve<Claim>('not-needed');
  let loaded: Promise<LoadedMemory> | undefined;
  const listed = (accounts: readonly AccountRef[]) => {
    loaded ??= deps.memory.load(accounts);
  };
  return {
    listed,
    async finish(result) {
      listed(result.accounts);
      const [taken, memory] = await Promise.all([claim, loaded as Promise<LoadedMemory>]);
      return finishRun(deps, templateId, owner, taken, memory, result.accounts);
    },
    async abandon() {
      const [taken] = await Promise.all([claim, loaded]);
      if (taken === 'claimed') await releaseClaim(deps, owner);
    },
  };
}
