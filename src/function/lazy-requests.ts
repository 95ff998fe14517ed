import { FIRST_SEND_ESTIMATE_MS, WRITE_MARGIN_MS } from '../core/time-limits';
import type { CallContext } from '../core/wechat/openapi-call';
import { WEBHOOKS_VARIABLE, type RobotAddresses } from '../core/alerts/robots/robot-address';
import { RunBudget } from '../core/run-budget';
import { toQuotaError } from '../core/errors/to-quota-error';
import { withForecasts } from './account-forecasts';
import { startAlertRun, type AlertRunStart } from './alerts/alert-run';
import { InstanceAlertMemory } from './alerts/memory';
import { ALERT_COLLECTION } from '../contract/values';
import { createRobotTests } from './alerts/robot-test';
import type { AlertConfig } from './alerts/settings';
import { fetchBalances, RECORD_MARGIN_MS } from './balances';
import { budgetedDatabase } from './budgeted-database';
import type { AccountsResult, QuotaResult } from '../contract/answers';
import { collectionAccess } from './database';
import type { OtherRequest } from './event';
import type { HandlerDeps } from './handler-deps';
import { createHeartbeatWriter, readHeartbeat } from './heartbeat';
import { fetchHistory } from './history-request';
import { createDatabaseHistory } from './history/database-history';
import { readSettings } from './settings';
import { maintain } from './history/maintain-in-time';
import { alertNote, runRecord, timerRunSummary } from './run-record';

export { parseOtherEvent } from './other-events';

/** Usage profiles an invocation recomputes at most, once its balances are in: a page's few, a timer run's share of a thousand accounts. */
export const PAGE_PROFILE_REFRESHES = 4;
export const TIMER_PROFILE_REFRESHES = 40;

/**
 * Answers the requests a single-account query never makes. The handler loads this file on the first
 * such request, so a cold start that answers one account neither runs nor builds what only these need
 * (the alerts, the forecast, the history and their schemas). One answerer per handler: it remembers
 * what it has logged once, and the alerts this instance sent.
 */
export function createOtherRequests(
  deps: HandlerDeps,
): (context: CallContext, request: OtherRequest, admin: string | undefined) => Promise<QuotaResult> {
  let alertsOffLogged = false;
  const instanceMemory = new InstanceAlertMemory();
  // Built here, not in the function's entry: a single-account query never loads the history or the forecast.
  const history = deps.history ?? createDatabaseHistory(deps.openDatabase, deps.clock, deps.log);

  const robotTests = createRobotTests();
  const writeHeartbeat = createHeartbeatWriter();

  return async function answer(context, request, admin) {
    const budget = new RunBudget(context.clock, context.deadline, { send: FIRST_SEND_ESTIMATE_MS });
    if (request.kind !== 'timer') return answerOthers(context, request, admin, budget);
    try {
      return await answerOthers(context, request, admin, budget);
    } catch (raw) {
      // A failed run says so to the page too: the admin sees why the alerts are not running.
      const error = toQuotaError(raw);
      await writeHeartbeat(
        heartbeatAccess(budget),
        { ...runRecord(context, 0, 0), ok: false, failure: { code: error.code, message: error.message } },
        context.log,
      );
      throw raw;
    }
  };

  function heartbeatAccess(budget: RunBudget) {
    return collectionAccess(() => budgetedDatabase(deps.openDatabase, budget), ALERT_COLLECTION);
  }

  async function answerOthers(
    context: CallContext,
    request: OtherRequest,
    admin: string | undefined,
    budget: RunBudget,
  ): Promise<QuotaResult> {
    const settings = readSettings(deps.env);
    if (request.kind === 'robot-test')
      return robotTests(context, {
        robots: settings.robots,
        admin: admin ?? '',
        openDatabase: deps.openDatabase,
        budget,
        post: deps.robotPost,
      });
    const { alertDays } = settings;
    if (request.kind === 'history') return fetchHistory(context, history, budget, request, alertDays);
    if (!settings.lowThreshold.ok) throw settings.lowThreshold.error;
    const lowThreshold = settings.lowThreshold.value;
    const parsed = settings.alerts;
    // An alert-only mistake fails the timer run before any call, and never the page's balances.
    if (!parsed.success && request.kind === 'timer') throw parsed.error;
    const templateId = parsed.success ? (parsed.config.templateId ?? null) : null;
    const { admins, robots } = settings;
    // The page shows when the timer last ran: read while the balances are, outside the budget's estimates
    // (one small read says nothing of how long the writes take), and never past the deadline.
    const lastRun =
      request.kind === 'all'
        ? budget
            .abandonAtDeadline(readHeartbeat(collectionAccess(deps.openDatabase, ALERT_COLLECTION)), HEARTBEAT)
            .catch(() => undefined)
        : undefined;
    // A timer run that alerts claims the run and reads its memory while the balances are read, not after.
    const alertRun =
      request.kind === 'timer' && parsed.success
        ? startTimerAlerts(context, parsed.config, admins, robots, budget)
        : undefined;
    const sends = alertRun !== undefined && ((templateId !== null && admins.length > 0) || robots.channels.length > 0);
    let fetched;
    try {
      fetched = await fetchBalances(context, history, {
        mode: request.kind === 'timer' ? 'timer' : 'page',
        budget,
        onListed: alertRun?.listed,
        // What follows the live queries: the writes (all at once, one round trip), and a timer run's sends before them.
        // A database that could not even be read gets no time kept for it: the live balances come first.
        reserveMs: (historyRead) =>
          (historyRead ? budget.estimate('database') : 0) +
          RECORD_MARGIN_MS +
          (sends ? budget.estimate('send') + WRITE_MARGIN_MS : 0),
      });
    } catch (error) {
      await alertRun?.abandon();
      throw error;
    }
    const { recording, snapshot, ...balances } = fetched;
    const accounts: AccountsResult = {
      ...balances,
      lowThreshold,
      alertDays,
      alertTemplateId: templateId,
      alertChannels: {
        configured: robots.channels.map(({ kind, masked }) => ({ kind, address: masked })),
        invalid: robots.problems,
      },
    };
    // A page; a timer run always has an alert run, its alert settings having been checked above.
    if (request.kind === 'all' || !alertRun) {
      await recording;
      // A page recomputes only the forecasts it lacks; refreshing old ones is the timer's.
      const maintained = await maintain(context, history, snapshot, budget, {
        profiles: PAGE_PROFILE_REFRESHES,
        firstOnly: true,
        prune: false,
      });
      const refreshed =
        maintained.profiles.size === 0
          ? accounts
          : {
              ...accounts,
              accounts: withForecasts(context.clock.now(), balances.accounts, snapshot, maintained.profiles),
            };
      const timer = await lastRun;
      const withTimer = timer === undefined ? refreshed : { ...refreshed, timer };
      if (!parsed.success)
        return { ...withTimer, alertConfigError: { variable: parsed.variable, message: parsed.error.message } };
      return withTimer;
    }
    // The alerts run while the readings are recorded: both are database work inside the same budget.
    const [alerts, recorded] = await Promise.all([alertRun.finish(accounts), recording]);
    const live = accounts.accounts.filter((account) => account.quotaSource === 'live').length;
    await writeHeartbeat(
      heartbeatAccess(budget),
      {
        ...runRecord(context, accounts.accounts.length, live),
        alertsSent: alerts.sent.length,
        robotsSent: alerts.channels.filter((channel) => channel.status === 'sent').length,
        alertNote: alertNote(alerts),
      },
      context.log,
    );
    const maintained = await maintain(context, history, snapshot, budget, {
      profiles: TIMER_PROFILE_REFRESHES,
      prune: true,
    });
    const stored = { kept: recorded.kept, notKept: recorded.notKept, profiles: maintained.profiles.size };
    deps.log.info('timer check done', {
      trigger: request.triggerName,
      ...timerRunSummary(accounts, live, stored, alerts),
      robots: robots.channels.length,
    });
    return { ...accounts, alerts, history: stored };
  }

  function startTimerAlerts(
    context: CallContext,
    config: AlertConfig,
    admins: readonly string[],
    robots: RobotAddresses,
    budget: RunBudget,
  ): AlertRunStart {
    if (!config.templateId && robots.channels.length === 0 && !alertsOffLogged) {
      alertsOffLogged = true;
      deps.log.info(
        `low-balance alerts are off: set QUOTA_ALERT_TEMPLATE_ID (subscribe messages) or ${WEBHOOKS_VARIABLE} (group robots) to turn them on`,
      );
    }
    // Every run says so: a robot that never gets a digest is worse than a log line an hour.
    for (const problem of robots.problems) deps.log.error('a group robot address is wrong', { fix: problem.message });
    return startAlertRun({
      context,
      messaging: deps.messaging,
      openDatabase: deps.openDatabase,
      config,
      admins,
      budget,
      instanceMemory,
      channels: robots.channels,
      channelProblems: robots.problems,
      robotPost: deps.robotPost,
    });
  }
}

const HEARTBEAT = 'reading the last timer run';
