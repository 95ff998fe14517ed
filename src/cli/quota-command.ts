import { fetchAllAccounts } from '../core/accounts/all-accounts';
import type { AllAccounts, SingleQuota } from '../contract/answers';
import type { CallContext } from '../core/wechat/openapi-call';
import { systemClock, type Clock } from '../core/clock';
import { failure, success } from '../core/errors/envelope';
import type { Envelope } from '../contract/errors';
import { fetchQuota } from '../core/wechat/single-quota';
import { toQuotaError } from '../core/errors/to-quota-error';
import { createHttpsClient } from '../https/client';
import { EXIT } from './exit-status';
import { QUOTA_USAGE, parseQuotaArgs, type QuotaOptions } from './quota-args';
import { resolveTarget, type QuotaTarget, type StartDemo } from './quota-target';
import { renderBalances } from './render';
import { asksForHelp } from './strict-args';
import { createTextLogger } from './text-logger';
import { judge } from './verdict';
import { notifyLowBalances, notifyTargets } from './notify';
import { httpsRobotPost, type RobotPost } from '../core/alerts/robots/robot-post';

/** An operator waits longer than a cloud function may: the whole command gets this long. */
export const COMMAND_DEADLINE_MS = 60_000;

export interface QuotaCommandIO {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Starts the sample back end for --demo; without it, --demo is refused. */
  startDemo?: StartDemo;
  fetch?: typeof fetch;
  clock?: Clock;
  /** How --notify posts to a group robot: node's https unless given. */
  robotPost?: RobotPost;
}

/** What the command's query answers over HTTPS: the balances alone, without the cloud function's alert settings. */
type QueryEnvelope = Envelope<SingleQuota | AllAccounts>;

/**
 * `npm run quota`: returns the exit status; never throws. It prints no secret because none reaches
 * it: the HTTPS transport masks answers and failures where they enter.
 */
export async function runQuotaCommand(io: QuotaCommandIO): Promise<number> {
  if (asksForHelp(io.argv)) {
    io.stdout(`${QUOTA_USAGE}\n`);
    return EXIT.OK;
  }
  let options: QuotaOptions;
  try {
    options = parseQuotaArgs(io.argv);
  } catch (error) {
    io.stderr(`quota: ${(error as Error).message} (npm run quota -- --help lists the options)\n`);
    return EXIT.USAGE;
  }
  let target: QuotaTarget;
  let robots: ReturnType<typeof notifyTargets> | undefined;
  try {
    if (options.notify) robots = notifyTargets(io.env);
    target = await resolveTarget(io.env, { wanted: options.demo, start: io.startDemo });
  } catch (error) {
    io.stderr(`quota: ${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  try {
    if (target.notice) io.stderr(`quota: ${target.notice}\n`);
    const clock = io.clock ?? systemClock;
    const client = createHttpsClient({
      ...target,
      timeoutMs: options.timeoutMs,
      fetch: io.fetch,
      now: () => clock.now(),
    });
    const context: CallContext = {
      api: client.logistics,
      clock,
      deadline: clock.now() + COMMAND_DEADLINE_MS,
      log: createTextLogger(io.stderr),
    };
    const envelope = await query(context, options);
    // A failed query is said once, by the reason line on stderr: as a table on stdout too, a terminal
    // would show it twice. --json still prints the envelope, failed or not.
    if (options.json) io.stdout(`${JSON.stringify(envelope, null, 2)}\n`);
    else if (envelope.ok) io.stdout(`${renderBalances(envelope.data, { lowThreshold: options.lowThreshold })}\n`);
    const verdict = judge(envelope, options.lowThreshold);
    if (robots && envelope.ok && options.lowThreshold !== undefined) {
      const notified = await notifyLowBalances(envelope.data, options.lowThreshold, robots, {
        post: io.robotPost ?? httpsRobotPost,
        clock,
      });
      for (const line of notified.lines) io.stderr(`quota: ${line}\n`);
      if (notified.notDelivered > 0) {
        const reason = `${notified.notDelivered} group robot${notified.notDelivered === 1 ? '' : 's'} did not take the digest`;
        io.stderr(`quota: ${verdict.reason ? `${verdict.reason}; ` : ''}${reason}\n`);
        return EXIT.FAILED;
      }
    }
    if (verdict.reason) io.stderr(`quota: ${verdict.reason}\n`);
    return verdict.exit;
  } finally {
    await target.close();
  }
}

async function query(context: CallContext, options: QuotaOptions): Promise<QueryEnvelope> {
  try {
    return success(options.account ? await fetchQuota(context, options.account) : await fetchAllAccounts(context));
  } catch (error) {
    return failure(toQuotaError(error));
  }
}
