import { randomUUID } from 'node:crypto';
import { accountKey, adminKey } from '../../core/account-key';
import { WRITE_MARGIN_MS } from '../../core/time-limits';
import type { CallContext } from '../../core/openapi-call';
import type { MessagingApi } from '../../core/messaging';
import type { RunBudget } from '../../core/run-budget';
import type { AlertConfig } from './settings';
import {
  ALERT_COLLECTION,
  createAlertMemory,
  type AlertMemory,
  type InstanceAlertMemory,
  type LoadedMemory,
} from './memory';
import { lowLiveAccounts, planAlerts, type AlertAccount } from './plan';
import { emptyReport, recordOutcomes, type AlertReport } from './report';
import { sendMessages } from './subscribe-sends';
import { budgetedDatabase } from '../budgeted-database';
import { collectionAccess, type Database } from '../database';
import { HISTORY_COLLECTION } from '../history/layout';
import type { AccountRef } from '../balance-history';
import { createLease, type Lease } from './lease';
import { ALERT_LEASE_KEY, claimRun, releaseClaim, writeLogged, type Claim } from './run-claim';

export { ALERT_LEASE_KEY };
import { accountsFor, nextMemory, owing, undo } from './memory-next';
import { ALERT_PAGE, subscribeMessages } from './subscribe-messages';

export { ALERT_PAGE };
import type { RobotAddressProblem, RobotChannel } from '../../core/robots/robot-address';
import type { RobotPost } from '../../core/robots/robot-post';
import { channelKey, deferredChannels, invalidChannels, sendDigests } from './robot-digests';

export interface AlertDeps {
  context: CallContext;
  messaging: MessagingApi;
  /** The cloud database, opened on first use. */
  openDatabase: () => Database;
  config: AlertConfig;
  admins: readonly string[];
  /** The invocation's budget, shared with the balance history: every database call and send fits it. */
  budget: RunBudget;
  /** What this instance remembers of its last alerts, for when the database cannot say. */
  instanceMemory: InstanceAlertMemory;
  /** The group robots of QUOTA_ALERT_WEBHOOKS, and its entries that are not robot addresses. */
  channels: readonly RobotChannel[];
  channelProblems: readonly RobotAddressProblem[];
  robotPost: RobotPost;
}

/** What one run works with: the alert memory and claim over a database held to the run's budget. */
interface AlertRun extends Omit<AlertDeps, 'openDatabase'> {
  memory: AlertMemory;
  lease: Lease;
}

export type { AlertReport } from './report';

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

/** The rest of the run, with the claim settled (`taken`), the memory read and the balances known. */
async function finishRun(
  deps: AlertRun,
  templateId: string | undefined,
  owner: string,
  taken: Claim,
  loaded: LoadedMemory,
  accounts: readonly AlertAccount[],
): Promise<AlertReport> {
  const { config, context, budget } = deps;
  const report: AlertReport = {
    ...emptyReport(config),
    enabled: true,
    memory: { read: loaded.copiesRead, written: 0 },
    channels: invalidChannels(deps.channelProblems),
  };
  const low = lowLiveAccounts(accounts, config);
  const needsClaim = hasRecipients(deps) && low.length > 0;
  const claim: Claim = needsClaim ? taken : 'not-needed';
  if (claim === 'held-by-another-run') return { ...report, claim };
  // After a run of this instance had to wait for a slow database, the next one no longer does: it sends,
  // judged by what this instance remembers, so that a database too slow for every run loses no alert.
  const insist = deps.instanceMemory.deferredRuns > 0;
  const deferAll = (recipients: readonly string[], channels: readonly RobotChannel[]): AlertReport => {
    deps.instanceMemory.deferredRuns += 1;
    return {
      ...report,
      deferred: recipients.map((touser) => ({ touser })),
      channels: [...report.channels, ...deferredChannels(channels, low.length)],
    };
  };
  if (loaded.late && !insist) {
    // The database answers, too slowly for this run: who is owed what is unknown, and the next run decides it.
    context.log.warn('low-balance alerts deferred: the cloud database did not answer in time', {
      admins: deps.admins.length,
    });
    Object.assign(report, { claim: claim === 'late' ? 'unavailable' : claim, recipients: deps.admins.length });
    return deferAll(deps.admins, low.length > 0 ? deps.channels : []);
  }
  const now = context.clock.now();
  const plan = planAlerts(accounts, loaded.snapshot, deps.admins, config, now);
  // A channel gets the digest of every low account when the run alerts, or when an earlier run owes it one.
  const channels =
    low.length === 0
      ? []
      : deps.channels.filter((channel) => plan.alerted.length > 0 || loaded.snapshot.owed.has(channelKey(channel)));
  Object.assign(report, {
    claim: claim === 'late' ? 'unavailable' : claim,
    alerted: plan.alerted,
    unchanged: plan.unchanged,
    recipients: plan.recipients.length,
  });
  if (claim === 'late' && (plan.recipients.length > 0 || channels.length > 0) && !insist) {
    // Whether another run holds the claim is unknown: sending could duplicate its messages.
    context.log.warn('low-balance alerts deferred: the run could not be claimed in time', {
      admins: plan.recipients.length,
      robots: channels.length,
    });
    return deferAll(
      plan.recipients.map(({ touser }) => touser),
      channels,
    );
  }

  const messages =
    templateId === undefined ? [] : subscribeMessages({ config, log: context.log }, templateId, plan, now, report);
  // The memory write that prevents duplicates comes right after the sends: both copies at once, one round trip.
  // Insisting, or with a memory the database could not give (it fails), a send need only fit itself:
  // this instance remembers it if the database cannot.
  const latestStart =
    insist || loaded.copiesRead === 0
      ? context.deadline
      : context.deadline - budget.estimate('database') - WRITE_MARGIN_MS;
  const sending = sendMessages(context, budget, deps.messaging, messages, latestStart);
  const posting = sendDigests(channels, low, config, {
    post: deps.robotPost,
    budget,
    latestStart,
    log: context.log,
  });
  const { deferred } = await sending.decided;
  // Recorded while the last sends are in flight: a started send counts as probably delivered, a deferred one as owed.
  // Only this run's alerts: an unchanged account summarised to an owed admin keeps its own repeat period.
  // A started digest lists every low account, so it carries every due one; a deferred channel is owed it.
  const due = new Set(plan.alerted.map(accountKey));
  const carried =
    posting.started.length > 0 ? low : accountsFor(plan.recipients, new Set(messages.map(({ touser }) => touser)));
  const remembered = carried.filter((account) => due.has(accountKey(account)));
  const owed = [...deferred.map(adminKey), ...posting.deferred.map(channelKey)];
  const next = nextMemory(loaded.snapshot, remembered, plan.forget, owed, now);
  const changed = remembered.length > 0 || plan.forget.length > 0 || owed.length > 0 || loaded.snapshot.owed.size > 0;
  const [outcomes, channelOutcomes, written] = await Promise.all([
    sending.outcomes,
    posting.outcomes,
    changed || loaded.stale || loaded.legacyIds.length > 0
      ? deps.memory.save(next)
      : Promise.resolve(loaded.copiesRead),
  ]);
  report.memory = { read: loaded.copiesRead, written };
  recordOutcomes(report, outcomes, plan.recipients);
  report.channels.push(...channelOutcomes.map(({ report: outcome }) => outcome));
  deps.instanceMemory.deferredRuns =
    report.deferred.length > 0 || posting.deferred.length > 0 ? deps.instanceMemory.deferredRuns + 1 : 0;
  // A robot that refused (or, started late, was not posted to) is owed the digest: the next run posts it again.
  const refusedChannels = channelOutcomes
    .filter(
      ({ channel, report: outcome }) =>
        outcome.status === 'refused' || (outcome.status === 'deferred' && posting.started.includes(channel)),
    )
    .map(({ channel }) => channel);
  // An account no admin could be sent (all refused, e.g. 43101) and no robot took (or may have taken) is not
  // alerted: the next run tries again.
  const refused = new Set(report.failed.map(({ touser }) => touser));
  const robotCarried = channelOutcomes.some(
    ({ report: outcome }) => outcome.status === 'sent' || outcome.status === 'unknown',
  );
  const undelivered = robotCarried
    ? []
    : remembered.filter((account) =>
        plan.recipients.every(
          ({ touser, accounts: summarised }) => !summarised.includes(account) || refused.has(touser),
        ),
      );
  if (undelivered.length > 0 || refusedChannels.length > 0)
    await deps.memory.save(owing(undo(next, undelivered, loaded.snapshot), refusedChannels.map(channelKey)));
  if (written > 0 && loaded.legacyIds.length > 0)
    await writeLogged(deps, 'removing first-release alert records', () => deps.memory.removeLegacy(loaded.legacyIds));
  // Last, so that a run claiming next finds everything above written; an unreleased claim expires by itself.
  if (taken === 'claimed') await releaseClaim(deps, owner);
  return report;
}

/** Whether anyone gets this run's alerts: admins by subscribe message (with a template), or a group robot. */
function hasRecipients(deps: AlertRun): boolean {
  return deps.admins.length > 0 || deps.channels.length > 0;
}
