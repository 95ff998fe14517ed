import { FakeClock } from '../../emulator/fake-clock';
import { MIN_USEFUL_CALL_MS } from '../../src/core/time-limits';
import { parseRobotAddresses } from '../../src/core/alerts/robots/robot-address';
import type { RobotPost } from '../../src/core/alerts/robots/robot-post';
import { RunBudget } from '../../src/core/run-budget';
import { sendDigests } from '../../src/function/alerts/robot-digests';
import { plantAlertSubscriptions } from '../../emulator/alert-subscriptions';
import { WechatModel } from '../../emulator/wechat-model';
import type { ModelStateInput } from '../../emulator/state';
import type { AccountsResult } from '../../src/contract/answers';
import { alertsOf } from '../support/alert-report';
import { captureLog, functionHarness, ADMIN_OPENID } from '../support/function-harness';
import { ROBOTS, robotSecrets, withRobots } from '../support/robots';
import { THREE_LOW } from '../support/three-low-state';

const TIMER = { Type: 'Timer', TriggerName: 'dailyQuotaCheck', Time: '2026-11-29T01:00:00Z', Message: '' };
const ALL = Object.values(ROBOTS);
const HOUR_MS = 3_600_000;

/** A timer harness whose model, robots and clock agree on the time; subscribe messages on when `template`. */
function robotHarness(
  options: { robots?: typeof ALL; template?: boolean; state?: ModelStateInput; extra?: string } = {},
) {
  const clock = new FakeClock();
  const model = new WechatModel(options.state ?? THREE_LOW, { now: clock.now });
  const webhooks = [withRobots(model, options.robots ?? ALL), options.extra].filter(Boolean).join(',');
  const env: Record<string, string> = { QUOTA_ALERT_WEBHOOKS: webhooks, QUOTA_LOW_THRESHOLD: '100' };
  if (options.template) env.QUOTA_ALERT_TEMPLATE_ID = 'tmpl-low-balance';
  plantAlertSubscriptions(model, { ...env, QUOTA_ADMIN_OPENIDS: ADMIN_OPENID });
  const harness = functionHarness({ model, clock, source: 'wx_trigger', openId: '', env });
  return { ...harness, webhooks };
}

describe('low-balance digests to group robots', () => {
  it('posts one digest per robot, without a subscribe template, the most urgent account first', async () => {
    const { invoke, model } = robotHarness();
    const alerts = alertsOf(await invoke(TIMER));
    expect(model.robots.accepted().map((post) => post.kind)).toEqual(['wecom', 'feishu', 'dingtalk']);
    for (const post of model.robots.accepted()) {
      const zto = post.text.indexOf('ZT10086');
      const yto = post.text.indexOf('Y1');
      const sto = post.text.indexOf('S1');
      expect([zto, yto, sto].every((index) => index > 0)).toBe(true);
      expect(zto).toBeLessThan(yto);
      expect(yto).toBeLessThan(sto);
      expect(post.text).not.toContain('宁波仓');
    }
    expect(alerts?.channels.map((channel) => channel.status)).toEqual(['sent', 'sent', 'sent']);
    expect(alerts?.enabled).toBe(true);
    expect(model.sentMessages).toEqual([]);
  });

  it('does not post the same alert twice: the next run, with nothing changed, is silent', async () => {
    const { invoke, model, clock } = robotHarness();
    await invoke(TIMER);
    await clock.run(clock.sleep(HOUR_MS));
    const alerts = alertsOf(await invoke(TIMER));
    expect(model.robots.accepted()).toHaveLength(3);
    expect(alerts?.channels).toEqual([]);
  });

  it('keeps the subscribe messages and the other robots going when one robot refuses, and reports why with the fix', async () => {
    const { invoke, model, logs } = robotHarness({ template: true });
    model.robots.addFault({
      kind: 'wecom',
      reply: { status: 200, json: { errcode: 93000, errmsg: 'invalid webhook url' } },
    });
    const alerts = alertsOf(await invoke(TIMER));
    expect(model.sentMessages.map((message) => message.touser)).toEqual([ADMIN_OPENID]);
    expect(model.robots.accepted().map((post) => post.kind)).toEqual(['feishu', 'dingtalk']);
    expect(alerts?.channels).toContainEqual(
      expect.objectContaining({
        kind: 'wecom',
        status: 'refused',
        reason: 'address',
        errCode: 93000,
        hint: expect.stringContaining('QUOTA_ALERT_WEBHOOKS'),
      }),
    );
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'low-balance digest not delivered to a group robot' }),
    );
  });

  it('owes a refusing robot its digest: the next run posts it there again, and only there', async () => {
    const { invoke, model, clock } = robotHarness();
    model.robots.addFault({
      kind: 'feishu',
      times: 1,
      reply: { status: 200, json: { code: 19024, msg: 'Key Words Not Found' } },
    });
    await invoke(TIMER);
    await clock.run(clock.sleep(HOUR_MS));
    const second = alertsOf(await invoke(TIMER));
    expect(second?.channels.map((channel) => [channel.status, 'kind' in channel ? channel.kind : ''])).toEqual([
      ['sent', 'feishu'],
    ]);
    expect(model.robots.accepted().map((post) => post.kind)).toEqual(['wecom', 'dingtalk', 'feishu']);
  });

  it("alerts again next run when no robot and no admin took this run's alerts", async () => {
    const { invoke, model, clock } = robotHarness({ template: true });
    model.robots.addFault({ times: 3, reply: { status: 200, json: { errcode: 93000, code: 19001, errmsg: 'gone' } } });
    model.addFault({ api: 'subscribeMessage.send', touser: ADMIN_OPENID, errcode: 43101, times: 1 });
    const first = alertsOf(await invoke(TIMER));
    expect(first?.channels.map((channel) => channel.status)).toEqual(['refused', 'refused', 'refused']);
    expect(first?.failed).toHaveLength(1);
    await clock.run(clock.sleep(HOUR_MS));
    const second = alertsOf(await invoke(TIMER));
    expect(second?.sent.map(({ touser }) => touser)).toEqual([ADMIN_OPENID]);
    expect(model.robots.accepted()).toHaveLength(3);
  });

  it('retries a rate-limited robot once within the run', async () => {
    const { invoke, model } = robotHarness({ robots: [ROBOTS.wecom] });
    model.robots.addFault({
      kind: 'wecom',
      times: 1,
      reply: { status: 200, json: { errcode: 45009, errmsg: 'api freq out of limit' } },
    });
    const alerts = alertsOf(await invoke(TIMER));
    expect(alerts?.channels).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
    expect(model.robots.accepted()).toHaveLength(1);
  });

  it('counts a robot that did not answer in time as unknown, and does not post to it blindly again', async () => {
    const { invoke, model, clock } = robotHarness({ robots: [ROBOTS.wecom] });
    model.robots.addFault({ kind: 'wecom', times: 1, delayMs: 5_000 });
    const first = alertsOf(await invoke(TIMER));
    expect(first?.channels).toEqual([expect.objectContaining({ status: 'unknown', reason: 'timeout', attempts: 1 })]);
    await clock.run(clock.sleep(HOUR_MS));
    const second = alertsOf(await invoke(TIMER));
    expect(second?.channels).toEqual([]);
  });

  it('reports an entry that is not a robot address as CONFIG_INVALID, and the other robots still post', async () => {
    const { invoke, model, webhooks } = robotHarness({
      robots: [ROBOTS.feishu],
      extra: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=leakedKey123',
    });
    const result = await invoke(TIMER);
    const alerts = alertsOf(result);
    expect(model.robots.accepted().map((post) => post.kind)).toEqual(['feishu']);
    expect(alerts?.channels[0]).toMatchObject({ entry: 2, status: 'invalid', code: 'CONFIG_INVALID' });
    expect(JSON.stringify(result)).not.toContain('leakedKey123');
    expect(webhooks).toContain('leakedKey123');
  });

  it('never shows a key, token or secret in the answer or the log', async () => {
    const { invoke, model, logs } = robotHarness();
    model.robots.addFault({
      kind: 'dingtalk',
      reply: { status: 200, json: { errcode: 310000, errmsg: `sign not match ${ROBOTS.dingtalk.secret}` } },
    });
    const shown = JSON.stringify([await invoke(TIMER), logs]);
    for (const secret of robotSecrets(ALL)) expect(shown).not.toContain(secret);
  });

  it('posts one digest per robot when two runs overlap', async () => {
    const { main, clock, model } = robotHarness();
    await clock.run(Promise.all([main(TIMER), main(TIMER)]));
    expect(
      model.robots
        .accepted()
        .map((post) => post.kind)
        .sort(),
    ).toEqual(['dingtalk', 'feishu', 'wecom']);
  });

  it('posts nothing when no account is low', async () => {
    const { invoke, model } = robotHarness({
      state: { ...THREE_LOW, accounts: THREE_LOW.accounts.map((account) => ({ ...account, quotaNum: 5_000 })) },
    });
    await invoke(TIMER);
    expect(model.robots.received).toEqual([]);
  });

  it('shows the page which robots are configured, masked', async () => {
    const { webhooks } = robotHarness();
    const page = functionHarness({ state: THREE_LOW, env: { QUOTA_ALERT_WEBHOOKS: webhooks } });
    const answer = (await page.invoke({ all: true })) as { data: AccountsResult };
    expect(answer.data.alertChannels.configured).toEqual([
      { kind: 'wecom', address: 'qyapi.weixin.qq.com …0001' },
      { kind: 'feishu', address: 'open.feishu.cn …0001' },
      { kind: 'dingtalk', address: 'oapi.dingtalk.com …0001' },
    ]);
    for (const secret of robotSecrets(ALL)) expect(JSON.stringify(answer)).not.toContain(secret);
  });
});

describe('posting the digests of one run', () => {
  const channels = parseRobotAddresses(
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1,https://open.feishu.cn/open-apis/bot/v2/hook/t1',
  ).channels;
  const sendWith = (msLeft: number, post: RobotPost) => {
    const clock = new FakeClock();
    const budget = new RunBudget(clock, clock.now() + msLeft);
    return sendDigests(
      channels,
      [],
      { lowThreshold: 100, alertDays: 3 },
      {
        post,
        budget,
        latestStart: budget.deadline,
        log: captureLog().log,
      },
    );
  };

  it('counts every channel as deferred, and posts to none, when no post could finish in time', async () => {
    const post = jest.fn<ReturnType<RobotPost>, Parameters<RobotPost>>();
    const sending = sendWith(MIN_USEFUL_CALL_MS - 1, post);
    expect(sending.started).toEqual([]);
    expect(sending.deferred).toEqual(channels);
    expect((await sending.outcomes).map(({ report }) => report.status)).toEqual(['deferred', 'deferred']);
    expect(post).not.toHaveBeenCalled();
  });
});
