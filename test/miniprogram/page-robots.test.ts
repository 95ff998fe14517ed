/**
 * @jest-environment jsdom
 */
import { ROBOT_TEST_LIMIT_TEXT, type CallFunction } from '../../miniprogram/services/quota-service';
import { ROBOTS, webhookOf } from '../support/robots';
import { answeredByFunction, renderPage, quietConsoleErrors } from './page-harness';

const WEBHOOKS = [
  webhookOf(ROBOTS.wecom),
  webhookOf(ROBOTS.feishu),
  'http://oapi.dingtalk.com/robot/send?access_token=t',
].join(',');

const withRobots = () =>
  answeredByFunction({ env: { QUOTA_ALERT_WEBHOOKS: WEBHOOKS } }, (harness) => {
    harness.model.robots.add(ROBOTS.wecom);
    harness.model.robots.addFault({
      kind: 'feishu',
      reply: { status: 200, json: { code: 19024, msg: 'Key Words Not Found' } },
    });
  });

describe('the group robots on the page', () => {
  quietConsoleErrors();

  it('lists the configured robots masked, and the entries that are wrong', async () => {
    const page = await renderPage(withRobots());
    expect(page.text('.alerts__robots')).toBe('每次定时检查发现余额不足时，汇总成一条消息发到这些群机器人：');
    expect(page.all('.robot').map((robot) => robot.dom.textContent)).toEqual([
      '企业微信 qyapi.weixin.qq.com …0001',
      '飞书 open.feishu.cn …0001',
      'QUOTA_ALERT_WEBHOOKS 第 3 项不是有效的机器人地址。',
    ]);
    expect(page.all('.alerts__off')).toHaveLength(0);
    expect(page.root.dom.textContent).not.toContain(ROBOTS.wecom.key);
  });

  it("sends a test message through the function and says each robot's outcome in words", async () => {
    const page = await renderPage(withRobots());
    page.root.querySelector('.robot-test').dispatchEvent('tap');
    await page.settle();
    expect(page.all('.robot-test-result').map((line) => line.dom.textContent)).toEqual([
      'QUOTA_ALERT_WEBHOOKS 第 3 项不是有效的机器人地址。',
      '企业微信 qyapi.weixin.qq.com …0001：已发送，请到群里查看。',
      '飞书 open.feishu.cn …0001：发送失败（错误码 19024），没有包含机器人要求的关键词：请在机器人安全设置中添加关键词「面单余额」。',
    ]);
  });

  it('says when the once-a-minute limit refused the test', async () => {
    const answer = withRobots();
    const callFunction: CallFunction = async (options) =>
      'testAlertChannels' in options.data
        ? {
            result: {
              ok: false,
              error: { code: 'RATE_LIMITED', message: 'A test message was sent less than a minute ago' },
            },
          }
        : answer(options);
    const page = await renderPage(callFunction);
    page.root.querySelector('.robot-test').dispatchEvent('tap');
    await page.settle();
    expect(page.text('.robot-test-result')).toBe(ROBOT_TEST_LIMIT_TEXT);
  });

  it('offers no test button without robots', async () => {
    const page = await renderPage(answeredByFunction());
    expect(page.all('.robot-test')).toHaveLength(0);
  });
});
