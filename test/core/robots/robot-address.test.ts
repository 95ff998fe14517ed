import { parseRobotAddresses } from '../../../src/core/alerts/robots/robot-address';

const WECOM_KEY = 'a1b2c3d4-0000-1111-2222-333344445555';
const FEISHU_TOKEN = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const DING_TOKEN = 'ddddeeeeffff0000111122223333444455556666777788889999aaaabbbbcccc';
const DING_SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';

describe('QUOTA_ALERT_WEBHOOKS', () => {
  it('recognises each service by its address, with a signing secret after "#"', () => {
    const { channels, problems } = parseRobotAddresses(
      [
        `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`,
        `https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}#feishuSecret42`,
        `https://open.larksuite.com/open-apis/bot/v2/hook/${FEISHU_TOKEN}`,
        `https://oapi.dingtalk.com/robot/send?access_token=${DING_TOKEN}#${DING_SECRET}`,
      ].join('，\n'),
    );
    expect(problems).toEqual([]);
    expect(channels.map(({ kind, secret }) => [kind, secret])).toEqual([
      ['wecom', undefined],
      ['feishu', 'feishuSecret42'],
      ['feishu', undefined],
      ['dingtalk', DING_SECRET],
    ]);
    expect(channels[3]!.url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=${DING_TOKEN}`);
  });

  it('masks an address to its host and last four characters, and names it by a hash', () => {
    const [channel] = parseRobotAddresses(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`).channels;
    expect(channel!.masked).toBe('qyapi.weixin.qq.com …5555');
    expect(channel!.id).toMatch(/^[0-9a-f]{16}$/);
    expect(channel!.id).not.toContain(WECOM_KEY);
  });

  it('lists the same robot once', () => {
    const address = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`;
    expect(parseRobotAddresses(`${address} ${address}`).channels).toHaveLength(1);
  });

  it.each([
    ['plain http', `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`, 'https://'],
    ['another host', `https://hooks.example.com/send?key=${WECOM_KEY}`, 'hooks.example.com'],
    ['a malformed address', `qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`, 'is not an address'],
    ['a WeCom path without its key', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', 'WeCom robot address'],
    ['a user and password', `https://ops:pw@oapi.dingtalk.com/robot/send?access_token=${DING_TOKEN}`, 'user'],
    ['a secret for WeCom', `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}#x1`, 'not signed'],
    ['a DingTalk secret without SEC', `https://oapi.dingtalk.com/robot/send?access_token=${DING_TOKEN}#abc1`, 'SEC'],
  ])('refuses %s as CONFIG_INVALID naming the entry, never its key, and keeps the others', (_, bad, says) => {
    const good = `https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}`;
    const { channels, problems } = parseRobotAddresses(`${good};${bad}`);
    expect(channels.map((channel) => channel.kind)).toEqual(['feishu']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.entry).toBe(2);
    expect(problems[0]!.message).toContain('QUOTA_ALERT_WEBHOOKS entry 2');
    expect(problems[0]!.message).toContain(says);
    for (const secret of [WECOM_KEY, DING_TOKEN, 'pw', 'abc1', 'x1'])
      expect(problems[0]!.message).not.toContain(secret);
  });

  it('is empty when unset', () => {
    expect(parseRobotAddresses(undefined)).toEqual({ channels: [], problems: [] });
  });
});
