import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import type { Forecast } from '../../../src/contract/answers';
import { parseRobotAddresses, type RobotChannel } from '../../../src/core/alerts/robots/robot-address';
import { buildDigest, type DigestAccount } from '../../../src/core/alerts/robots/robot-digest';
import { robotRequest } from '../../../src/core/alerts/robots/robot-request';

type Body = { markdown?: { content: string }; timestamp?: string; sign?: string; msg_type?: string };

const NOW = Date.parse('2026-12-07T02:00:00Z');
const RULE = { lowThreshold: 100, alertDays: 3 };

function channel(address: string): RobotChannel {
  return parseRobotAddresses(address).channels[0]!;
}
const WECOM = channel('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k0000000000000000001');
const FEISHU = channel('https://open.feishu.cn/open-apis/bot/v2/hook/t0000000000000001#fsecret');
const DINGTALK = channel('https://oapi.dingtalk.com/robot/send?access_token=d0000000000000001#SECabc');

function forecast(daysLeft: number): Forecast {
  return { daysLeft, runsOutAt: new Date(NOW + daysLeft * 86_400_000).toISOString() } as Forecast;
}

const account = (bizId: string, quotaNum: number, extra: Partial<DigestAccount> = {}): DigestAccount => ({
  deliveryId: 'YTO',
  deliveryName: '圆通速递',
  bizId,
  alias: '',
  quotaNum,
  quotaUpdatedAt: new Date(NOW).toISOString(),
  ...extra,
});

describe('the digest examples in docs/alerts.md', () => {
  it('are what the function sends', () => {
    const docs = readFileSync(path.join(__dirname, '../../../docs/alerts.md'), 'utf8');
    const at = Date.parse('2026-12-07T02:03:00Z');
    const read = new Date(at).toISOString();
    const digest = buildDigest(
      [
        account('xyz', 210, {
          alias: '杭州仓',
          quotaUpdatedAt: read,
          forecast: { daysLeft: 2.1, runsOutAt: '2026-12-09T04:27:00Z' } as Forecast,
        }),
        {
          ...account('ZT10086', 12, { alias: '上海仓', quotaUpdatedAt: read }),
          deliveryId: 'ZTO',
          deliveryName: '中通快递',
        },
      ],
      RULE,
    );
    for (const robot of [WECOM, DINGTALK]) {
      const { markdown } = JSON.parse(robotRequest(robot, digest, at).body) as { markdown: Record<string, string> };
      expect(docs).toContain(JSON.stringify(markdown.content ?? markdown.text));
    }
    for (const line of digest.lines) expect(docs).toContain(`"text": ${JSON.stringify(line)}`);
  });
});

describe('a group robot digest', () => {
  it('lists the most urgent account first, with alias, customer code, balance, days left, run-out date and reading time in China time', () => {
    const digest = buildDigest(
      [account('A', 90, { alias: '杭州仓' }), account('B', 300, { forecast: forecast(1) }), account('C', 0)],
      RULE,
    );
    expect(digest.lines).toEqual([
      '圆通速递 C：剩余 0 单，读于 2026年12月7日 10:00',
      '圆通速递 B：剩余 300 单，约 1 天后用完（2026年12月8日），读于 2026年12月7日 10:00',
      '圆通速递（杭州仓） A：剩余 90 单，读于 2026年12月7日 10:00',
    ]);
    expect(digest.intro).toContain('面单余额');
  });

  it.each([
    ['WeCom', WECOM, (body: Body) => Buffer.byteLength(body.markdown!.content), 4_096],
    ['Feishu', FEISHU, (body: Body) => Buffer.byteLength(JSON.stringify(body)), 20_000],
    ['DingTalk', DINGTALK, (body: Body) => Buffer.byteLength(JSON.stringify(body)), 20_000],
  ])('fits %s with whole lines and ends with how many accounts are left out', (_, robot, size, limit) => {
    const accounts = Array.from({ length: 1_000 }, (_, index) => account(`客户编码-${index}`, index % 100));
    const digest = buildDigest(accounts, RULE);
    const body = JSON.parse(robotRequest(robot, digest, NOW).body) as Body;
    expect(size(body)).toBeLessThanOrEqual(limit);
    const text = JSON.stringify(body);
    const more = /及其他 (\d+) 个账号/.exec(text);
    expect(more).not.toBeNull();
    const shown = digest.lines.filter((line) => text.includes(JSON.stringify(line).slice(1, -1)));
    expect(shown.length + Number(more![1])).toBe(1_000);
    expect(shown).toEqual(digest.lines.slice(0, shown.length));
  });

  it('sends a digest that fits whole, with nothing left out', () => {
    const body = robotRequest(WECOM, buildDigest([account('A', 1)], RULE), NOW).body;
    expect(body).not.toContain('及其他');
  });

  it("signs Feishu in the body: base64(HMAC-SHA256(key = timestamp + '\\n' + secret, message = ''))", () => {
    const body = JSON.parse(robotRequest(FEISHU, buildDigest([account('A', 1)], RULE), NOW).body) as Body;
    const timestamp = Math.floor(NOW / 1000);
    expect(body.timestamp).toBe(String(timestamp));
    expect(body.sign).toBe(createHmac('sha256', `${timestamp}\nfsecret`).update('').digest('base64'));
    expect(body.msg_type).toBe('post');
  });

  it("signs DingTalk in the query: base64(HMAC-SHA256(key = secret, message = timestamp + '\\n' + secret)), in ms", () => {
    const request = robotRequest(DINGTALK, buildDigest([account('A', 1)], RULE), NOW);
    const url = new URL(request.url);
    expect(url.searchParams.get('timestamp')).toBe(String(NOW));
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', 'SECabc').update(`${NOW}\nSECabc`).digest('base64'));
    expect(url.searchParams.get('access_token')).toBe('d0000000000000001');
  });
});
