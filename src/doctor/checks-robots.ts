import { parseRobotAddresses, ROBOT_NAMES, WEBHOOKS_VARIABLE } from '../core/alerts/robots/robot-address';
import { testDigest } from '../core/alerts/robots/robot-digest';
import { robotSecrets, sendToRobot } from '../core/alerts/robots/robot-send';
import { RunBudget } from '../core/run-budget';
import type { Redactor } from '../https/redactor';
import { fail, ok, skip, unchecked, type Check, type DoctorDeps } from './types';

/** How long the test messages may take, all robots together. */
const SEND_BUDGET_MS = 5_000;

/**
 * Check 6: QUOTA_ALERT_WEBHOOKS read as the function reads it (each entry's problem said by position,
 * never its key), and with --send-test the page's test message posted to each robot. Every robot key
 * and secret is added to the redactor, so that nothing printed can show one.
 */
export async function checkRobots(
  deps: Pick<DoctorDeps, 'env' | 'now' | 'sleep' | 'robotPost'>,
  sendTest: boolean,
  redactor: Redactor,
): Promise<Check[]> {
  const { channels, problems } = parseRobotAddresses(deps.env[WEBHOOKS_VARIABLE]);
  for (const channel of channels) for (const secret of [channel.url, ...robotSecrets(channel)]) redactor.add(secret);
  const checks: Check[] = problems.map((problem) =>
    fail(
      `robots:entry-${problem.entry}`,
      problem.message.replace(/ Copy the robot's.*$/, ''),
      "Copy the robot's webhook address from the group's robot settings; see docs/alerts.md.",
    ),
  );
  if (channels.length === 0 && problems.length === 0)
    return [
      skip(
        'robots',
        `${WEBHOOKS_VARIABLE} is not set: no group robot is alerted`,
        'Optional: see docs/alerts.md to alert a WeCom, Feishu or DingTalk group.',
      ),
    ];
  const names = channels.map((channel) => `${ROBOT_NAMES[channel.kind]} ${channel.masked}`).join(', ');
  if (!sendTest) {
    if (channels.length > 0)
      checks.unshift(
        skip(
          'robots',
          `${channels.length} robot${channels.length === 1 ? '' : 's'} configured (${names}), not tested`,
          'Run the doctor with --send-test to post a test message to each.',
        ),
      );
    return checks;
  }
  const now = deps.now();
  const digest = testDigest(now);
  const clock = { now: deps.now, sleep: deps.sleep, random: () => 0 };
  const budget = new RunBudget(clock, now + SEND_BUDGET_MS);
  const results = await Promise.all(
    channels.map((channel) => sendToRobot(channel, digest, { post: deps.robotPost, budget })),
  );
  results.forEach((result, index) => {
    const channel = channels[index]!;
    const id = `robots:${channel.kind}-${channel.id.slice(0, 6)}`;
    const name = `${ROBOT_NAMES[channel.kind]} robot ${channel.masked}`;
    if (result.status === 'sent') checks.push(ok(id, `${name} posted the test message`));
    else if (result.status === 'refused') {
      const said = [result.errCode, result.detail].filter((part) => part !== undefined && part !== '').join(' ');
      checks.push(fail(id, `${name} refused the test message${said ? ` (${said})` : ''}`, capitalize(result.hint)));
    } else
      checks.push(
        unchecked(
          id,
          `${name}: ${result.status === 'unknown' ? `no clear answer (${result.reason})` : 'not sent'}`,
          capitalize(result.hint),
        ),
      );
  });
  return checks;
}

function capitalize(text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}
