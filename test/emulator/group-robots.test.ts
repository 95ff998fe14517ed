import { createHmac } from 'node:crypto';
import { GroupRobots } from '../../emulator/robots/group-robots';

const HOST = { wecom: 'qyapi.weixin.qq.com', feishu: 'open.feishu.cn', dingtalk: 'oapi.dingtalk.com' } as const;

function setup() {
  let now = Date.UTC(2026, 11, 7, 2, 0, 0);
  const robots = new GroupRobots(() => now);
  robots.add({ kind: 'wecom', key: 'wk' });
  robots.add({ kind: 'feishu', key: 'ft', secret: 'fs', keywords: ['面单余额'] });
  robots.add({ kind: 'dingtalk', key: 'dt', secret: 'SECds' });
  return {
    robots,
    tick: (ms: number) => (now += ms),
    now: () => now,
  };
}

const wecom = (robots: GroupRobots, content = '面单余额') =>
  robots.handle(
    HOST.wecom,
    new URL('https://x/cgi-bin/webhook/send?key=wk'),
    JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
  );

function feishu(robots: GroupRobots, at: number, secret = 'fs', text = '面单余额') {
  const timestamp = Math.floor(at / 1000);
  const sign = createHmac('sha256', `${timestamp}\n${secret}`).digest('base64');
  return robots.handle(
    HOST.feishu,
    new URL('https://x/open-apis/bot/v2/hook/ft'),
    JSON.stringify({ timestamp: String(timestamp), sign, msg_type: 'text', content: { text } }),
  );
}

function dingtalk(robots: GroupRobots, at: number) {
  const sign = createHmac('sha256', 'SECds').update(`${at}\nSECds`).digest('base64');
  const url = new URL(`https://x/robot/send?access_token=dt&timestamp=${at}&sign=${encodeURIComponent(sign)}`);
  return robots.handle(HOST.dingtalk, url, JSON.stringify({ msgtype: 'text', text: { content: 'hi' } }));
}

describe("the emulator's group robots", () => {
  it('refuses an unknown key as each service does', () => {
    const { robots } = setup();
    expect(robots.handle(HOST.wecom, new URL('https://x/cgi-bin/webhook/send?key=nope'), '{}').json).toMatchObject({
      errcode: 93000,
    });
  });

  it('checks the signature and its one-hour window, and the keyword rule', () => {
    const { robots, now } = setup();
    expect(feishu(robots, now()).json).toMatchObject({ code: 0 });
    expect(feishu(robots, now(), 'wrong').json).toMatchObject({ code: 19021 });
    expect(feishu(robots, now() - 2 * 3_600_000).json).toMatchObject({ code: 19021 });
    expect(feishu(robots, now(), 'fs', 'no keyword here').json).toMatchObject({ code: 19024 });
    expect(dingtalk(robots, now()).json).toMatchObject({ errcode: 0 });
    expect(dingtalk(robots, now() - 2 * 3_600_000).json).toMatchObject({ errcode: 310000 });
  });

  it("limits WeCom's markdown to 4,096 bytes", () => {
    const { robots } = setup();
    expect(wecom(robots, '面'.repeat(1_366)).json).toMatchObject({ errcode: 40058 });
    expect(wecom(robots, '面'.repeat(1_365)).json).toMatchObject({ errcode: 0 });
  });

  it('allows WeCom 20 messages a minute', () => {
    const { robots, tick } = setup();
    for (let index = 0; index < 20; index += 1) expect(wecom(robots).json).toMatchObject({ errcode: 0 });
    expect(wecom(robots).json).toMatchObject({ errcode: 45009 });
    tick(60_000);
    expect(wecom(robots).json).toMatchObject({ errcode: 0 });
  });

  it('allows Feishu 5 messages a second', () => {
    const { robots, now } = setup();
    for (let index = 0; index < 5; index += 1) expect(feishu(robots, now()).json).toMatchObject({ code: 0 });
    expect(feishu(robots, now()).json).toMatchObject({ code: 11232 });
  });

  it('blocks a DingTalk robot for 10 minutes after more than 20 messages in a minute', () => {
    const { robots, tick, now } = setup();
    for (let index = 0; index < 20; index += 1) expect(dingtalk(robots, now()).json).toMatchObject({ errcode: 0 });
    expect(dingtalk(robots, now()).json).toMatchObject({ errcode: 130101 });
    tick(5 * 60_000);
    expect(dingtalk(robots, now()).json).toMatchObject({ errcode: 130101 });
    tick(5 * 60_000 + 1);
    expect(dingtalk(robots, now()).json).toMatchObject({ errcode: 0 });
  });
});
