import { accountKey, adminKey } from '../../core/accounts/account-key';
import type { SubscribeMessage } from '../../core/wechat/messaging';
import type { RobotChannel } from '../../core/alerts/robots/robot-address';
import { WRITE_MARGIN_MS } from '../../core/time-limits';
import type { AlertMemorySnapshot, LoadedMemory } from './memory';
import { accountsFor, nextMemory, owing, undo } from './memory-next';
import { lowLiveAccounts, planAlerts, type AlertAccount, type AlertPlan, type LiveAccount } from './plan';
import { emptyReport, recordOutcomes } from './report';
import type { AlertReport } from '../../contract/timer-run';
import { channelKey, deferredChannels, invalidChannels, sendDigests } from './robot-digests';
import type { ChannelReport } from '../../contract/channels';
import { releaseClaim, writeLogged, type Claim } from './run-claim';
import { hasRecipients, type AlertRun } from './run-deps';
import { subscribeMessages } from './subscribe-messages';
import { sendMessages, type SendOutcome } from './subscribe-sends';

/** The rest of the run, with the claim settled (`taken`), the memory read and the balances known. */
export async function finishRun(
  deps: AlertRun,
  templateId: string | undefined,
  owner: string,
  taken: Claim,
  loaded: LoadedMemory,
  accounts: readonly AlertAccount[],
): Promise<AlertReport> {
  const { config, context } = deps;
  const report: AlertReport = {
    ...emptyReport(config),
    enabled: true,
    memory: { read: loaded.copiesRead, written: 0 },
    channels: invalidChannels(deps.channelProblems),
  };
  const low = lowLiveAccounts(accounts, config);
  const claim: Claim = hasRecipients(deps) && low.length > 0 ? taken : 'not-needed';
  if (claim === 'held-by-another-run') return { ...report, claim };
  report.claim = claim === 'late' ? 'unavailable' : claim;
  // After a run of this instance had to wait for a slow database, the next one no longer does: it sends,
  // judged by what this instance remembers, so that a database too slow for every run loses no alert.
  const insist = deps.instanceMemory.deferredRuns > 0;
  if (loaded.late && !insist) {
    // The database answers, too slowly for this run: who is owed what is unknown, and the next run decides it.
    context.log.warn('low-balance alerts deferred: the cloud database did not answer in time', {
      admins: deps.admins.length,
    });
    report.recipients = deps.admins.length;
    return deferAll(deps, report, deps.admins, low.length > 0 ? deps.channels : [], low.length);
  }
  const now = context.clock.now();
  const plan = planAlerts(accounts, loaded.snapshot, deps.admins, config, now);
  const channels = channelsToPost(deps, loaded, plan, low);
  Object.assign(report, { alerted: plan.alerted, unchanged: plan.unchanged, recipients: plan.recipients.length });
  if (claim === 'late' && (plan.recipients.length > 0 || channels.length > 0) && !insist) {
    // Whether another run holds the claim is unknown: sending could duplicate its messages.
    context.log.warn('low-balance alerts deferred: the run could not be claimed in time', {
      admins: plan.recipients.length,
      robots: channels.length,
    });
    const recipients = plan.recipients.map(({ touser }) => touser);
    return deferAll(deps, report, recipients, channels, low.length);
  }
  const messages =
    templateId === undefined ? [] : subscribeMessages({ config, log: context.log }, templateId, plan, now, report);
  const delivery = await sendAndRemember(deps, { loaded, plan, low, channels, messages, now, insist });
  recordDelivery(deps, report, plan, delivery);
  await oweWhatDidNotArrive(deps, report, plan, loaded, delivery);
  if (delivery.written > 0 && loaded.legacyIds.length > 0)
    await writeLogged(deps, 'removing first-release alert records', () => deps.memory.removeLegacy(loaded.legacyIds));
  // Last, so that a run claiming next finds everything above written; an unreleased claim expires by itself.
  if (taken === 'claimed') await releaseClaim(deps, owner);
  return report;
}

/** Nothing sent this run: every recipient and channel is owed, and the next run of this instance insists. */
function deferAll(
  deps: AlertRun,
  report: AlertReport,
  recipients: readonly string[],
  channels: readonly RobotChannel[],
  lowAccounts: number,
): AlertReport {
  deps.instanceMemory.deferredRuns += 1;
  return {
    ...report,
    deferred: recipients.map((touser) => ({ touser })),
    channels: [...report.channels, ...deferredChannels(channels, lowAccounts)],
  };
}

/** A channel gets the digest of every low account when the run alerts, or when an earlier run owes it one. */
function channelsToPost(
  deps: AlertRun,
  loaded: LoadedMemory,
  plan: AlertPlan,
  low: readonly LiveAccount[],
): RobotChannel[] {
  if (low.length === 0) return [];
  return deps.channels.filter((channel) => plan.alerted.length > 0 || loaded.snapshot.owed.has(channelKey(channel)));
}

interface Delivery {
  /** This run's alerts that went out (or may have): the memory remembers them. */
  remembered: LiveAccount[];
  /** The memory as saved after the sends were decided, before their outcomes. */
  next: AlertMemorySnapshot;
  written: number;
  outcomes: SendOutcome[];
  channelOutcomes: Array<{ channel: RobotChannel; report: ChannelReport }>;
  startedChannels: readonly RobotChannel[];
  deferredChannels: readonly RobotChannel[];
}

/**
 * Sends the subscribe messages and posts the digests, and saves the memory while the last are in flight
 * (both copies at once, one round trip): a started send counts as probably delivered, a deferred one as owed.
 */
async function sendAndRemember(
  deps: AlertRun,
  run: {
    loaded: LoadedMemory;
    plan: AlertPlan;
    low: readonly LiveAccount[];
    channels: readonly RobotChannel[];
    messages: readonly SubscribeMessage[];
    now: number;
    insist: boolean;
  },
): Promise<Delivery> {
  const { context, budget, config } = deps;
  const { loaded, plan, low, messages } = run;
  // The memory write that prevents duplicates comes right after the sends. Insisting, or with a memory the
  // database could not give (it fails), a send need only fit itself: this instance remembers it if the database cannot.
  const latestStart =
    run.insist || loaded.copiesRead === 0
      ? context.deadline
      : context.deadline - budget.estimate('database') - WRITE_MARGIN_MS;
  const sending = sendMessages(context, budget, deps.messaging, messages, latestStart);
  const posting = sendDigests(run.channels, low, config, {
    post: deps.robotPost,
    budget,
    latestStart,
    log: context.log,
  });
  const { deferred } = await sending.decided;
  // Only this run's alerts: an unchanged account summarised to an owed admin keeps its own repeat period.
  // A started digest lists every low account, so it carries every due one; a deferred channel is owed it.
  const due = new Set(plan.alerted.map(accountKey));
  const carried =
    posting.started.length > 0 ? low : accountsFor(plan.recipients, new Set(messages.map(({ touser }) => touser)));
  const remembered = carried.filter((account) => due.has(accountKey(account)));
  const owed = [...deferred.map(adminKey), ...posting.deferred.map(channelKey)];
  const next = nextMemory(loaded.snapshot, remembered, plan.forget, owed, run.now);
  const changed = remembered.length > 0 || plan.forget.length > 0 || owed.length > 0 || loaded.snapshot.owed.size > 0;
  const [outcomes, channelOutcomes, written] = await Promise.all([
    sending.outcomes,
    posting.outcomes,
    changed || loaded.stale || loaded.legacyIds.length > 0
      ? deps.memory.save(next)
      : Promise.resolve(loaded.copiesRead),
  ]);
  return {
    remembered,
    next,
    written,
    outcomes,
    channelOutcomes,
    startedChannels: posting.started,
    deferredChannels: posting.deferred,
  };
}

/** What the sends came to, in the report; a run that had to defer any makes the next one insist. */
function recordDelivery(deps: AlertRun, report: AlertReport, plan: AlertPlan, delivery: Delivery): void {
  report.memory = { read: report.memory.read, written: delivery.written };
  recordOutcomes(report, delivery.outcomes, plan.recipients);
  report.channels.push(...delivery.channelOutcomes.map(({ report: outcome }) => outcome));
  const deferred = report.deferred.length > 0 || delivery.deferredChannels.length > 0;
  deps.instanceMemory.deferredRuns = deferred ? deps.instanceMemory.deferredRuns + 1 : 0;
}

/**
 * A robot that refused (or, started late, was not posted to) is owed the digest, and an account no admin
 * could be sent (all refused, e.g. 43101) and no robot took (or may have taken) is not alerted: the next
 * run tries both again.
 */
async function oweWhatDidNotArrive(
  deps: AlertRun,
  report: AlertReport,
  plan: AlertPlan,
  loaded: LoadedMemory,
  delivery: Delivery,
): Promise<void> {
  const refusedChannels = delivery.channelOutcomes
    .filter(
      ({ channel, report: outcome }) =>
        outcome.status === 'refused' || (outcome.status === 'deferred' && delivery.startedChannels.includes(channel)),
    )
    .map(({ channel }) => channel);
  const refused = new Set(report.failed.map(({ touser }) => touser));
  const robotCarried = delivery.channelOutcomes.some(
    ({ report: outcome }) => outcome.status === 'sent' || outcome.status === 'unknown',
  );
  const undelivered = robotCarried
    ? []
    : delivery.remembered.filter((account) =>
        plan.recipients.every(
          ({ touser, accounts: summarised }) => !summarised.includes(account) || refused.has(touser),
        ),
      );
  if (undelivered.length > 0 || refusedChannels.length > 0)
    await deps.memory.save(owing(undo(delivery.next, undelivered, loaded.snapshot), refusedChannels.map(channelKey)));
}
