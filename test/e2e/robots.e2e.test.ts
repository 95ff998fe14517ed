import { callers } from '../../emulator/runtime';
import type { QuotaEnvelope } from '../../src/contract/answers';
import type { RobotTestResult } from '../../src/contract/channels';
import { ROBOTS, robotSecrets, webhookOf, withRobots } from '../support/robots';
import { ADMIN, emulatorsClosedAfterEach } from './emulator-harness';

const TIMER = { Type: 'Timer', TriggerName: 'dailyQuotaCheck', Time: '2026-11-29T01:00:00Z' };
const ALL = Object.values(ROBOTS);
const WEBHOOKS = ALL.map(webhookOf).join('\n');

describe('group robots, the built bundle in the emulator', () => {
  const start = emulatorsClosedAfterEach({ functionEnv: { QUOTA_ALERT_WEBHOOKS: WEBHOOKS } });

  async function withAllRobots() {
    const emulator = await start();
    withRobots(emulator.model, ALL);
    return emulator;
  }

  it("posts a timer run's digest to WeCom, Feishu and DingTalk, signed and with the keyword, over loopback only", async () => {
    const emulator = await withAllRobots();
    const result = (await emulator.invoke(TIMER, callers.timer())) as QuotaEnvelope;
    expect(result.ok).toBe(true);
    const posts = emulator.model.robots.received;
    expect(posts.map((post) => [post.kind, post.accepted]).sort()).toEqual([
      ['dingtalk', true],
      ['feishu', true],
      ['wecom', true],
    ]);
    for (const post of posts) expect(post.text).toContain('上海仓');
    const hosts = emulator.instance.network.flatMap((event) => ('host' in event && event.host ? [event.host] : []));
    expect(hosts.every((host) => host === '127.0.0.1' || host === 'localhost')).toBe(true);
    for (const secret of robotSecrets(ALL)) expect(JSON.stringify(result)).not.toContain(secret);
    for (const secret of robotSecrets(ALL)) expect(emulator.instance.logs.join('\n')).not.toContain(secret);
  });

  it('reports a wrong secret as a signature refusal, and a missing keyword as a keyword refusal', async () => {
    const emulator = await start();
    emulator.model.robots.add({ ...ROBOTS.feishu, secret: 'anotherSecret' });
    emulator.model.robots.add({ ...ROBOTS.dingtalk, keywords: ['发货'] });
    emulator.model.robots.add(ROBOTS.wecom);
    const result = (await emulator.invoke(TIMER, callers.timer())) as QuotaEnvelope;
    const channels = (
      result as { data: { alerts: { channels: Array<{ kind: string; status: string; reason?: string }> } } }
    ).data.alerts.channels;
    expect(channels.map(({ kind, status, reason }) => [kind, status, reason]).sort()).toEqual([
      ['dingtalk', 'refused', 'keyword'],
      ['feishu', 'refused', 'signature'],
      ['wecom', 'sent', undefined],
    ]);
  });

  it('posts one digest per robot when two instances run the trigger at once, and none on the next run', async () => {
    const emulator = await withAllRobots();
    const second = await emulator.startInstance();
    await Promise.all([emulator.invoke(TIMER, callers.timer()), second.invoke(TIMER, callers.timer())]);
    expect(
      emulator.model.robots
        .accepted()
        .map((post) => post.kind)
        .sort(),
    ).toEqual(['dingtalk', 'feishu', 'wecom']);
    await emulator.invoke(TIMER, callers.timer());
    expect(emulator.model.robots.received).toHaveLength(3);
  });

  it('keeps the subscribe messages going while every robot fails', async () => {
    const emulator = await start({
      functionEnv: { QUOTA_ALERT_TEMPLATE_ID: 'tmpl-e2e', QUOTA_ADMIN_OPENIDS: ADMIN },
    });
    emulator.model.robots.addFault({ drop: true });
    const result = (await emulator.invoke(TIMER, callers.timer())) as QuotaEnvelope;
    expect(result.ok).toBe(true);
    expect(emulator.model.sentMessages.map((message) => message.touser)).toEqual([ADMIN]);
  });

  it("answers the page's test message with each robot's outcome", async () => {
    const emulator = await withAllRobots();
    const answer = (await emulator.invoke({ testAlertChannels: true }, callers.user(ADMIN))) as {
      ok: boolean;
      data: RobotTestResult;
    };
    expect(answer.ok).toBe(true);
    expect(answer.data.channels.map((channel) => channel.status)).toEqual(['sent', 'sent', 'sent']);
    expect(emulator.model.robots.accepted()).toHaveLength(3);
  });
});
