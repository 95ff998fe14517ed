import { FakeClock } from '../../emulator/fake-clock';
import { WechatModel } from '../../emulator/wechat-model';
import type { RobotTestResult } from '../../src/contract/channels';
import { functionHarness } from '../support/function-harness';
import { ROBOTS, robotSecrets, withRobots } from '../support/robots';
import { THREE_LOW } from '../support/three-low-state';

const TEST = { testAlertChannels: true };
const ALL = Object.values(ROBOTS);

function testHarness(options: { source?: string } = {}) {
  const clock = new FakeClock();
  const model = new WechatModel(THREE_LOW, { now: clock.now });
  const env = { QUOTA_ALERT_WEBHOOKS: withRobots(model, ALL) };
  return functionHarness({ model, clock, env, ...options });
}

describe("the page's 发送测试消息", () => {
  it('posts a short test message to every robot and answers each outcome', async () => {
    const { invoke, model } = testHarness();
    model.robots.addFault({ kind: 'feishu', reply: { status: 200, json: { code: 19021, msg: 'sign match fail' } } });
    const answer = (await invoke(TEST)) as { ok: true; data: RobotTestResult };
    expect(answer.ok).toBe(true);
    expect(answer.data.channels.map((channel) => [channel.status, 'kind' in channel ? channel.kind : ''])).toEqual([
      ['sent', 'wecom'],
      ['refused', 'feishu'],
      ['sent', 'dingtalk'],
    ]);
    expect(model.robots.accepted().every((post) => post.text.includes('测试消息'))).toBe(true);
    for (const secret of robotSecrets(ALL)) expect(JSON.stringify(answer)).not.toContain(secret);
  });

  it('lets an admin test once a minute', async () => {
    const { invoke, clock, model } = testHarness();
    await invoke(TEST);
    const again = await invoke(TEST);
    expect(again).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    await clock.run(clock.sleep(61_000));
    expect(await invoke(TEST)).toMatchObject({ ok: true });
    expect(model.robots.accepted()).toHaveLength(6);
  });

  it('keeps the limit when the database fails, by what the instance remembers', async () => {
    const { invoke, database } = testHarness();
    database.faults.add({ code: 'SYS_ERR', message: 'database request fail' });
    await invoke(TEST);
    expect(await invoke(TEST)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('is refused to the server side: only an admin on the page may send one', async () => {
    const { invoke, model } = testHarness({ source: 'wx_http' });
    expect(await invoke(TEST)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(model.robots.received).toEqual([]);
  });

  it('refuses a malformed request', async () => {
    const { invoke } = testHarness();
    expect(await invoke({ testAlertChannels: 'yes' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
