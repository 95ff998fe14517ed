/**
 * @jest-environment jsdom
 */
import { answeredByFunction, renderPage, type SubscribeAnswer, quietConsoleErrors } from './page-harness';

const TEMPLATE = 'tmpl-low-balance';

const alertsOn = (env: Record<string, string> = {}) =>
  answeredByFunction({ env: { QUOTA_ALERT_TEMPLATE_ID: TEMPLATE, ...env } });

describe('the low-balance alert subscription on the page', () => {
  quietConsoleErrors();

  it('shows the threshold the function uses, and explains one message per acceptance', async () => {
    const page = await renderPage(alertsOn({ QUOTA_LOW_THRESHOLD: '20' }));
    expect(page.text('.threshold')).toBe('20');
    expect(page.text('.alerts__explain')).toBe(
      '余额低于 20 单或预计 3 天内用完时，给订阅的管理员推送一条提醒，汇总所有余额不足的账号；' +
        '同一账号默认每天最多提醒一次，余额再减半时会再提醒。' +
        '微信规定每次订阅只能收到一条，收到后请再次订阅。',
    );
    expect(page.all('.account--low')).toHaveLength(1);
    expect(page.all('.account--low')[0]!.dom.textContent).toContain('上海仓');
  });

  it.each<[string, SubscribeAnswer, string]>([
    ['accept', { [TEMPLATE]: 'accept' }, '已订阅：下次余额偏低时你会收到一条提醒。收到后请再次订阅，才能收到下一条。'],
    ['reject', { [TEMPLATE]: 'reject' }, '你没有同意订阅，将不会收到低余额提醒。'],
    ['ban', { [TEMPLATE]: 'ban' }, '这个提醒模板已被微信封禁：请管理员更换模板。'],
    [
      'a failure',
      new Error('requestSubscribeMessage:fail 20004'),
      '订阅失败：请在微信「我 → 设置 → 通知」中允许接收小程序的订阅消息后重试。',
    ],
  ])('asks WeChat to subscribe to the template and reports %s', async (_name, answer, text) => {
    const page = await renderPage(alertsOn(), { subscribe: answer });
    page.root.querySelector('.subscribe').dispatchEvent('tap');
    await page.settle();
    expect(page.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: [TEMPLATE] }));
    expect(page.text('.subscribe-result')).toBe(text);
  });

  it('offers no button, and says why, when the admin has not turned alerts on', async () => {
    const page = await renderPage(answeredByFunction());
    expect(page.all('.subscribe')).toHaveLength(0);
    expect(page.text('.alerts__off')).toBe(
      '管理员还没有开启低余额提醒（云函数环境变量 QUOTA_ALERT_TEMPLATE_ID 或 QUOTA_ALERT_WEBHOOKS）。',
    );
  });

  it('keeps showing the balances when an alert setting is wrong, and tells the admin which variable to fix', async () => {
    const page = await renderPage(alertsOn({ QUOTA_ALERT_DATA: '{"thing1":"{balance}"}' }));
    expect(page.all('.account').length).toBeGreaterThan(0);
    expect(page.text('.alerts__misconfigured')).toBe(
      '低余额提醒的设置有误，提醒已暂停：' +
        '请管理员检查云函数环境变量 QUOTA_ALERT_DATA（云开发控制台 → 云函数 → getQuota → 版本与配置）。',
    );
    expect(page.all('.alerts__off')).toHaveLength(0);
    expect(page.all('.subscribe')).toHaveLength(0);
  });
});
