import type { AllAccounts, SingleQuota } from '../contract/answers';
import type { Clock } from '../core/clock';
import { isLowBalance } from '../contract/values';
import { parseRobotAddresses, ROBOT_NAMES, WEBHOOKS_VARIABLE } from '../core/alerts/robots/robot-address';
import { buildDigest, type DigestAccount } from '../core/alerts/robots/robot-digest';
import type { RobotPost } from '../core/alerts/robots/robot-post';
import { sendToRobot } from '../core/alerts/robots/robot-send';
import { RunBudget } from '../core/run-budget';
import { UsageError } from './strict-args';

/** Each robot gets this long, from the start of its first attempt. */
export const NOTIFY_DEADLINE_MS = 10_000;

export interface NotifyResult {
  /** One line per robot (and per entry that is not a robot address), for stderr. */
  lines: string[];
  /** Robots that did not certainly get the digest: refused, unknown, or an entry that is not an address. */
  notDelivered: number;
}

/** The robots of QUOTA_ALERT_WEBHOOKS, checked before any query: none configured is a usage error (exit 2). */
export function notifyTargets(env: Readonly<Record<string, string | undefined>>) {
  const robots = parseRobotAddresses(env[WEBHOOKS_VARIABLE]);
  if (robots.channels.length === 0 && robots.problems.length === 0)
    throw new UsageError(`--notify posts to the group robots of ${WEBHOOKS_VARIABLE}, which is not set`);
  return robots;
}

/**
 * `npm run quota -- --low N --notify`: the function's digest of every account under N, most urgent first,
 * to every robot, with no memory: a cron job decides how often. Nothing is posted when nothing is low.
 */
export async function notifyLowBalances(
  data: SingleQuota | AllAccounts,
  lowThreshold: number,
  robots: ReturnType<typeof notifyTargets>,
  deps: { post: RobotPost; clock: Clock },
): Promise<NotifyResult> {
  const lines = robots.problems.map((problem) => `CONFIG_INVALID: ${problem.message}`);
  const low = lowAccounts(data, lowThreshold);
  if (low.length === 0)
    return { lines: [...lines, 'notify: no balance is low, nothing posted'], notDelivered: lines.length };
  const digest = buildDigest(low, { lowThreshold, alertDays: 0 });
  const results = await Promise.all(
    robots.channels.map(async (channel) => {
      const result = await sendToRobot(channel, digest, {
        post: deps.post,
        budget: new RunBudget(deps.clock, deps.clock.now() + NOTIFY_DEADLINE_MS),
      });
      const robot = `${ROBOT_NAMES[channel.kind]} robot ${channel.masked}`;
      if (result.status === 'sent')
        return { line: `notify: ${robot}: sent a digest of ${low.length} accounts`, ok: true };
      const why =
        'reason' in result
          ? ` (${result.reason}${'errCode' in result && result.errCode ? ` ${result.errCode}` : ''})`
          : '';
      return { line: `notify: ${robot}: ${result.status}${why}: ${result.hint}`, ok: false };
    }),
  );
  return {
    lines: [...lines, ...results.map(({ line }) => line)],
    notDelivered: lines.length + results.filter(({ ok }) => !ok).length,
  };
}

function lowAccounts(data: SingleQuota | AllAccounts, lowThreshold: number): DigestAccount[] {
  if (!('accounts' in data))
    return isLowBalance(data.quotaNum, lowThreshold)
      ? [
          {
            deliveryId: data.deliveryId,
            deliveryName: data.deliveryId,
            bizId: data.bizId,
            alias: '',
            quotaNum: data.quotaNum,
            quotaUpdatedAt: data.fetchedAt,
          },
        ]
      : [];
  return data.accounts.flatMap((account) =>
    account.quotaNum !== null && isLowBalance(account.quotaNum, lowThreshold)
      ? [{ ...account, quotaNum: account.quotaNum }]
      : [],
  );
}
