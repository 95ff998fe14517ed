/**
 * @jest-environment jsdom
 */
import { answeredByFunction, renderPage, quietConsoleErrors } from './page-harness';

describe('the balances page', () => {
  const consoleErrors = quietConsoleErrors();
  beforeEach(() => {
    // The page logs what it could not use; the tests check what it shows instead.
  });

  it('lists each bound account with its courier, name and balance in large type', async () => {
    const page = await renderPage(answeredByFunction());
    expect(page.callFunction).toHaveBeenCalledWith({ name: 'getQuota', data: { all: true } });
    const cards = page.all('.account');
    expect(cards).toHaveLength(4);
    expect(page.account('杭州仓').dom.textContent.replace(/\s+/g, '')).toBe(
      '圆通速递杭州仓客户编码xyz用量不足一天的数据，暂无预测210单',
    );
    expect(page.text('.accounts')).toContain('韵达义乌网点01');
    expect(page.text('.page__desc')).toMatch(/^余额低于 ?100 ?单或预计 3 天内用完的账号会标红提醒，更新于 ?刚刚$/);
  });

  it('marks balances under the threshold', async () => {
    const page = await renderPage(answeredByFunction());
    const low = page.all('.account--low');
    expect(low).toHaveLength(1);
    expect(low[0]!.dom.textContent).toContain('上海仓');
    expect(low[0]!.dom.textContent).toContain('余额偏低');
  });

  it('shows an account under review with its status and no balance', async () => {
    const page = await renderPage(answeredByFunction());
    const reviewing = page.account('新开户').dom.textContent;
    expect(reviewing).toContain('审核中');
    expect(reviewing).toContain('—');
  });

  it('says which accounts have no quota to query', async () => {
    const page = await renderPage(answeredByFunction());
    expect(page.text('.unsupported')).toBe('以下账号的快递公司按单结算，没有面单余额可查：顺丰速运 顺丰月结');
  });

  it('shows a cached figure, marked, when one account could not be read live', async () => {
    const page = await renderPage(
      answeredByFunction({}, (harness) =>
        harness.model.addFault({ api: 'logistics.getQuota', deliveryId: 'ZTO', errcode: 45011 }),
      ),
    );
    const zto = page.account('上海仓').dom.textContent;
    expect(zto).toContain('40');
    // The sample snapshot is from 2025-11-28, the page's clock in 2026: the year is shown.
    expect(zto).toMatch(
      /实时余额查询失败：微信接口每分钟的调用次数已达上限：请等一分钟后再试。显示的是缓存数据，更新于 2025-11-2[78] \d\d:00。/,
    );
    expect(page.all('.account--stale').map((card) => card.dom.textContent)).toEqual([
      expect.stringContaining('上海仓'),
      expect.stringContaining('新开户'),
    ]);
  });

  it('queries one account with the courier picked from the list and the typed bizId', async () => {
    const page = await renderPage(answeredByFunction());
    page.root.querySelector('.courier-picker').dispatchEvent('change', { detail: { value: 0 } });
    page.root.querySelector('.biz-id').dispatchEvent('input', { detail: { value: ' xyz ' } });
    await page.settle();
    page.root.querySelector('.query__button').dispatchEvent('tap');
    await page.settle();
    expect(page.callFunction).toHaveBeenLastCalledWith({ name: 'getQuota', data: { deliveryId: 'YTO', bizId: 'xyz' } });
    expect(page.text('.single')).toBe('YTO / xyz：剩余 210 单（刚刚）');
  });

  it('asks for a courier and a bizId before querying', async () => {
    const page = await renderPage(answeredByFunction());
    page.root.querySelector('.query__button').dispatchEvent('tap');
    await page.settle();
    expect(page.text('.single--error')).toBe('请先选择快递公司。');
    page.root.querySelector('.courier-picker').dispatchEvent('change', { detail: { value: 1 } });
    page.root.querySelector('.query__button').dispatchEvent('tap');
    await page.settle();
    expect(page.text('.single--error')).toBe('请填写客户编码。');
    expect(page.callFunction).toHaveBeenCalledTimes(1);
  });

  it('shows the error of a single query in Chinese', async () => {
    const page = await renderPage(answeredByFunction());
    page.root.querySelector('.courier-picker').dispatchEvent('change', { detail: { value: 0 } });
    page.root.querySelector('.biz-id').dispatchEvent('input', { detail: { value: 'nobody' } });
    page.root.querySelector('.query__button').dispatchEvent('tap');
    await page.settle();
    expect(page.text('.single--error')).toBe(
      '这个客户编码没有绑定到该快递公司：请从账号列表中选择已绑定的账号，或在管理后台完成绑定。',
    );
  });

  it.each([
    [
      { admins: 'oSomeoneElse0000000000' },
      '你还没有查看面单余额的权限：请管理员把你的 OPENID 加入云函数环境变量 QUOTA_ADMIN_OPENIDS。',
    ],
    [
      { fault: { errcode: 48001 } },
      '小程序还没有开通物流助手：物流助手只对已认证的小程序开放，请先完成微信认证，再在小程序管理后台开通后重试。',
    ],
    [
      { fault: { platformErrorCode: -604101 } },
      '云函数没有调用物流助手接口的权限：请在 config.json 中声明后重新部署 getQuota。',
    ],
    [
      { fault: { errcode: 45009 } },
      '今天的微信接口调用次数已用完：请明天再查询，或请管理员在小程序管理后台「开发 → 接口调用额度」中重置额度。',
    ],
    [{ fault: { errcode: 45011 } }, '微信接口每分钟的调用次数已达上限：请等一分钟后再试。'],
    [{ fault: { errcode: 9300509 } }, '物流助手查询重试太快了：请等一分钟后再试。'],
    [{ fault: { errcode: 9300537 } }, '物流助手限制了查询频率：请等一分钟后再试。'],
    [
      { fault: { platformErrorCode: -501003 } },
      '云开发环境的请求次数超出了限额：请稍后再试；经常出现时，请管理员在云开发控制台查看资源用量。',
    ],
    [{ fault: { platformErrorCode: -501004 } }, '云开发环境同时处理的请求太多了：请等几秒后再试。'],
    [{ fault: { errcode: -1 } }, '微信物流服务暂时不可用，请稍后下拉刷新重试。'],
    [{ fault: { errcode: 40001 } }, '微信接口凭证无效：请联系管理员检查小程序配置或重新绑定账号。'],
    [{ fault: { errcode: 9399999 } }, '微信返回错误（错误码 9399999），请稍后重试或联系管理员。'],
  ])('turns the function error of %j into a Chinese sentence', async (setup, sentence) => {
    const page = await renderPage(
      answeredByFunction('admins' in setup ? { admins: setup.admins } : {}, (harness) => {
        if ('fault' in setup) harness.model.addFault({ api: 'logistics.getAllAccount', ...setup.fault });
      }),
    );
    expect(page.text('.error-text')).toBe(sentence);
    expect(page.all('.account')).toHaveLength(0);
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'ok'],
    ['ok without data', { ok: true }],
    [
      'a balance as text',
      {
        ok: true,
        data: {
          fetchedAt: 'x',
          unsupported: [],
          accounts: [
            {
              deliveryId: 'YTO',
              deliveryName: '',
              bizId: 'x',
              alias: '',
              statusCode: 0,
              status: 'bound',
              quotaNum: '210',
              quotaSource: 'live',
              quotaUpdatedAt: null,
            },
          ],
        },
      },
    ],
    ['an error without a code', { ok: false, error: { message: 'x' } }],
  ])('shows an error, not a crash, for a malformed result: %s', async (_name, result) => {
    const page = await renderPage(async () => ({ result }));
    expect(page.text('.error-text')).toBe('云函数返回的数据格式不正确：请确认已部署最新版本的 getQuota 云函数。');
    expect(consoleErrors.spy).toHaveBeenCalledWith('getQuota returned a malformed result', result);
  });

  it('explains a failed call to the function', async () => {
    const page = await renderPage(async () => {
      throw Object.assign(new Error('cloud.callFunction:fail -501000'), { errCode: -501000 });
    });
    expect(page.text('.error-text')).toBe(
      '无法调用云函数 getQuota：请确认它已部署到 miniprogram/config.ts 中 CLOUD_ENV_ID 所设的云开发环境，并检查网络后重试。',
    );
  });

  it('shows the empty state with how to bind an account', async () => {
    const page = await renderPage(async () => ({
      result: {
        ok: true,
        data: { accounts: [], unsupported: [], fetchedAt: '2026-11-29T01:00:00.000Z', alertDays: 3 },
      },
    }));
    expect(page.text('.empty-text')).toBe(
      '还没有可查询余额的快递账号：请在小程序管理后台「物流助手」中绑定快递公司账号。',
    );
  });

  it('shows the loading state while the function runs', async () => {
    let release: (value: { result?: unknown }) => void = () => undefined;
    const page = await renderPage(() => new Promise((resolve) => (release = resolve)));
    expect(page.text('.state--loading')).toBe('正在查询余额…');
    release(await answeredByFunction()({ name: 'getQuota', data: { all: true } }));
    await page.settle();
    expect(page.all('.state--loading')).toHaveLength(0);
    expect(page.all('.account')).toHaveLength(4);
  });

  it('reloads on pull-down refresh and stops the refresh animation', async () => {
    let quota = 210;
    const page = await renderPage(answeredByFunction({}, (harness) => harness.model.setQuota('YTO', 'xyz', quota)));
    quota = 7;
    await page.root.instance.onPullDownRefresh();
    await page.settle();
    expect(page.callFunction).toHaveBeenCalledTimes(2);
    expect(page.stopPullDownRefresh).toHaveBeenCalledTimes(1);
    expect(page.account('杭州仓').dom.textContent).toContain('7单');
    expect(page.all('.account--low')).toHaveLength(2);
  });

  it('retries from the error state', async () => {
    let fail = true;
    const page = await renderPage(async (options) => {
      if (fail) return { result: { ok: false, error: { code: 'UPSTREAM_UNAVAILABLE', message: 'busy', errCode: -1 } } };
      return answeredByFunction()(options);
    });
    fail = false;
    page.root.querySelector('.retry').dispatchEvent('tap');
    await page.settle();
    expect(page.all('.account')).toHaveLength(4);
  });
});
