import { logFailure } from '../../core/log-failure';
import { randomUUID } from 'node:crypto';
import { adminKey } from '../../core/accounts/account-key';
import type { CallContext } from '../../core/wechat/openapi-call';
import { chinaLogTime } from '../../core/china-time';
import { QuotaError } from '../../core/errors/errors';
import { ErrorCode } from '../../contract/errors';
import type { RobotAddresses } from '../../core/alerts/robots/robot-address';
import { testDigest } from '../../core/alerts/robots/robot-digest';
import type { RobotPost } from '../../core/alerts/robots/robot-post';
import { sendToRobot } from '../../core/alerts/robots/robot-send';
import type { RunBudget } from '../../core/run-budget';
import { ALERT_COLLECTION } from '../../contract/values';
import { invalidChannels } from './robot-digests';
import type { ChannelReport, RobotTestResult } from '../../contract/channels';
import { budgetedDatabase } from '../budgeted-database';
import { collectionAccess, type Database } from '../database';
import { createLease } from './lease';

/** One test a minute per admin: enough to check a robot, too few to spam a group. */
export const ROBOT_TEST_INTERVAL_MS = 60_000;

export interface RobotTestDeps {
  robots: RobotAddresses;
  /** The admin who asked (their OPENID): the limit is theirs. */
  admin: string;
  openDatabase: () => Database;
  budget: RunBudget;
  post: RobotPost;
}

/**
 * The page's 发送测试消息: a short message to every group robot, each outcome in the answer. The limit is
 * kept in the database (a lease per admin), so it holds across instances; when the database cannot say,
 * this instance's memory of the admin's last test keeps it.
 */
export function createRobotTests(): (context: CallContext, deps: RobotTestDeps) => Promise<RobotTestResult> {
  const lastTests = new Map<string, number>();
  return async (context, deps) => {
    const now = context.clock.now();
    const key = adminKey(deps.admin);
    const invalid = invalidChannels(deps.robots.problems);
    if (deps.robots.channels.length === 0) return { sentAt: new Date(now).toISOString(), channels: invalid };
    const last = lastTests.get(key);
    if (last !== undefined && now - last < ROBOT_TEST_INTERVAL_MS) throw tooSoon(last + ROBOT_TEST_INTERVAL_MS);
    await claimTest(context, deps, key);
    lastTests.set(key, now);
    const digest = testDigest(now);
    const reports = await Promise.all(
      deps.robots.channels.map(async (channel): Promise<ChannelReport> => {
        const result = await sendToRobot(channel, digest, { post: deps.post, budget: deps.budget });
        return { kind: channel.kind, address: channel.masked, accounts: 0, ...result };
      }),
    );
    context.log.info('group robot test sent', {
      robots: reports.length,
      sent: reports.filter((report) => report.status === 'sent').length,
    });
    return { sentAt: new Date(now).toISOString(), channels: [...invalid, ...reports] };
  };
}

async function claimTest(context: CallContext, deps: RobotTestDeps, key: string): Promise<void> {
  const access = collectionAccess(() => budgetedDatabase(deps.openDatabase, deps.budget), ALERT_COLLECTION);
  try {
    const claim = await createLease(access, context.clock).claim(
      `robot-test-${key}`,
      randomUUID(),
      ROBOT_TEST_INTERVAL_MS,
    );
    if (claim.status === 'held') throw tooSoon(claim.until);
  } catch (raw) {
    if (raw instanceof QuotaError && raw.code === ErrorCode.RATE_LIMITED) throw raw;
    logFailure(
      context.log,
      'warn',
      'group robot test: the once-a-minute limit could not be checked in the database',
      raw,
    );
  }
}

function tooSoon(until: number): QuotaError {
  return new QuotaError(
    ErrorCode.RATE_LIMITED,
    `A test message was sent less than a minute ago: try again after ${chinaLogTime(until)}.`,
  );
}
