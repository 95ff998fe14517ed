import { renderBalances } from '../src/cli/render';
import type { SentMessage } from '../emulator/subscribe-messages';
import type { BalancesData } from '../src/contract/answers';
import { ROBOT_NAMES } from '../src/core/alerts/robots/robot-address';
import type { ReceivedPost } from '../emulator/robots/group-robots';
import type { ChannelReport } from '../src/contract/channels';

/** One robot's outcome in one line: sent, or why not and what to do. */
function channelLine(channel: ChannelReport): string {
  if (channel.status === 'invalid') return `  ${channel.message}`;
  const robot = `${ROBOT_NAMES[channel.kind]} robot ${channel.address}`;
  if (channel.status === 'sent') return `  ${robot}: sent a digest of ${channel.accounts} accounts`;
  const code = 'errCode' in channel && channel.errCode !== undefined ? ` ${channel.errCode}` : '';
  return `  ${robot}: ${channel.status}${'reason' in channel ? ` (${channel.reason}${code})` : ''}: ${channel.hint}`;
}

/**
 * What a timer run did, for a person trying settings locally: the balances as `npm start` shows them,
 * then the alerts (whom, why, and each subscribe message's data exactly as WeChat received it) and
 * what the history kept.
 */
export function renderTimerRun(
  data: BalancesData,
  sent: readonly SentMessage[],
  robotPosts: readonly ReceivedPost[] = [],
): string {
  const table = renderBalances(data);
  if (!('accounts' in data)) return table;
  const { alerts, history, alertConfigError } = data;
  const lines = [table, ''];
  if (alertConfigError) lines.push(`Alerts: ${alertConfigError.variable} is wrong: ${alertConfigError.message}`);
  else if (!alerts?.enabled)
    lines.push(
      'Alerts: off. Set QUOTA_ALERT_TEMPLATE_ID (and QUOTA_ALERT_DATA for your template), or QUOTA_ALERT_WEBHOOKS, to try them.',
    );
  else {
    const why = alerts.alerted.map((account) => `${account.deliveryId}/${account.bizId} (${account.reason})`);
    lines.push(
      `Alerts: ${why.length > 0 ? `alerted ${why.join(', ')}` : 'nothing new to alert'}; ` +
        `sent ${alerts.sent.length}, failed ${alerts.failed.length}, unknown ${alerts.unknown.length}, deferred ${alerts.deferred.length}.`,
    );
    for (const message of sent) {
      const data = Object.entries(message.data).map(([key, { value }]) => `${key}=${JSON.stringify(value)}`);
      lines.push(`  subscribe message to ${message.touser}: ${data.join(', ')} (opens ${message.page})`);
    }
    for (const failure of alerts.failed)
      lines.push(
        `  not sent to ${failure.touser}: ${failure.code}${failure.errCode === undefined ? '' : ` ${failure.errCode}`}`,
      );
    lines.push(...alerts.channels.map(channelLine));
    for (const post of robotPosts.filter((candidate) => candidate.accepted))
      lines.push(
        `  ${ROBOT_NAMES[post.kind]} group sees:`,
        ...post.text
          .split('\n')
          .filter((line) => line.length > 0)
          .map((line) => `    ${line}`),
      );
  }
  if (history)
    lines.push(
      `History: kept ${history.kept} live readings${history.notKept.length > 0 ? `, not ${history.notKept.length}` : ''}; ` +
        `${history.profiles} forecasts recomputed.`,
    );
  return lines.join('\n');
}
