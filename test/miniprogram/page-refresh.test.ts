/**
 * @jest-environment jsdom
 */
import type { CallFunction } from '../../miniprogram/services/quota-service';
import {
  FUNCTION_CLOCK_START,
  answeredByFunction,
  heldAnswers,
  renderPage,
  type RenderedPage,
  quietConsoleErrors,
} from './page-harness';

const MINUTE = 60_000;

/** The real function, refusing the list with a per-minute rate limit while `failing()` says so. */
function failingWhen(failing: () => boolean): CallFunction {
  const failed = answeredByFunction({}, (harness) =>
    harness.model.addFault({ api: 'logistics.getAllAccount', errcode: 45011 }),
  );
  const good = answeredByFunction();
  return (options) => (failing() && options.data.all === true ? failed(options) : good(options));
}

async function queryOne(page: RenderedPage, courierIndex: number, bizId: string): Promise<void> {
  page.root.querySelector('.courier-picker').dispatchEvent('change', { detail: { value: courierIndex } });
  page.root.querySelector('.biz-id').dispatchEvent('input', { detail: { value: bizId } });
  page.root.querySelector('.query__button').dispatchEvent('tap');
  await page.settle();
}

describe('the balances page when a refresh fails', () => {
  quietConsoleErrors();

  it('keeps the last good list, marked as not refreshed with the reason and when it was read', async () => {
    let failing = false;
    const page = await renderPage(failingWhen(() => failing));
    failing = true;
    page.setNow(FUNCTION_CLOCK_START + 10 * MINUTE);
    await page.root.instance.onPullDownRefresh();
    await page.settle();
    expect(page.stopPullDownRefresh).toHaveBeenCalledTimes(1);
    expect(page.all('.account')).toHaveLength(4);
    expect(page.all('.accounts--not-refreshed')).toHaveLength(1);
    expect(page.text('.refresh-failed__title')).toBe('余额没有刷新：下面是 10 分钟前 读取的数据');
    expect(page.text('.refresh-failed__reason')).toBe('微信接口每分钟的调用次数已达上限：请等一分钟后再试。');
    expect(page.text('.page__desc')).toBe('余额低于100单或预计 3 天内用完的账号会标红提醒，更新于 10 分钟前');
    expect(page.all('.error-text')).toHaveLength(0);
  });

  it('keeps the single-account form usable after a failed refresh', async () => {
    let failing = false;
    const page = await renderPage(failingWhen(() => failing));
    failing = true;
    await page.root.instance.onPullDownRefresh();
    await page.settle();
    await queryOne(page, 0, 'xyz');
    expect(page.callFunction).toHaveBeenLastCalledWith({ name: 'getQuota', data: { deliveryId: 'YTO', bizId: 'xyz' } });
    expect(page.text('.single')).toBe('YTO / xyz：剩余 210 单（刚刚）');
  });

  it('drops the mark once a refresh succeeds again', async () => {
    let failing = false;
    const page = await renderPage(failingWhen(() => failing));
    failing = true;
    await page.root.instance.onPullDownRefresh();
    await page.settle();
    failing = false;
    page.root.querySelector('.refresh-failed .retry').dispatchEvent('tap');
    await page.settle();
    expect(page.all('.refresh-failed')).toHaveLength(0);
    expect(page.all('.accounts--not-refreshed')).toHaveLength(0);
    expect(page.all('.account')).toHaveLength(4);
  });

  it('shows the full error state, without the list, its notes or the form, when the first load fails', async () => {
    const page = await renderPage(failingWhen(() => true));
    expect(page.text('.error-text')).toBe('微信接口每分钟的调用次数已达上限：请等一分钟后再试。');
    expect(page.all('.refresh-failed')).toHaveLength(0);
    expect(page.all('.unsupported')).toHaveLength(0);
    expect(page.all('.query')).toHaveLength(0);
    expect(page.text('.page__desc')).toBe('余额低于100单的账号会标红提醒');
  });
});

describe('the balances page while a load runs', () => {
  quietConsoleErrors();
  afterEach(() => jest.restoreAllMocks());

  it('shows that 重试 is running until the answer comes', async () => {
    let failing = true;
    const held = heldAnswers(failingWhen(() => failing));
    const page = await renderPage(held.callFunction);
    await held.calls[0]!.release();
    await page.settle();
    expect(page.text('.retry')).toBe('重试');
    failing = false;
    page.root.querySelector('.retry').dispatchEvent('tap');
    await page.settle();
    expect(page.text('.retry')).toBe('正在重试…');
    expect(page.root.instance.data.loading).toBe(true);
    await held.calls[1]!.release();
    await page.settle();
    expect(page.all('.retry')).toHaveLength(0);
    expect(page.all('.account')).toHaveLength(4);
  });

  it('shows that a pull-down refresh is running, and stops the animation when it ends', async () => {
    const held = heldAnswers(answeredByFunction());
    const page = await renderPage(held.callFunction);
    await held.calls[0]!.release();
    await page.settle();
    expect(page.all('.refreshing')).toHaveLength(0);
    const refreshed = page.root.instance.onPullDownRefresh();
    await page.settle();
    expect(page.text('.refreshing')).toBe('，正在刷新…');
    expect(page.stopPullDownRefresh).not.toHaveBeenCalled();
    await held.calls[1]!.release();
    await refreshed;
    await page.settle();
    expect(page.all('.refreshing')).toHaveLength(0);
    expect(page.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  it('runs one load at a time: a second pull-down and a retry join the running one', async () => {
    let quota = 210;
    const held = heldAnswers(answeredByFunction({}, (harness) => harness.model.setQuota('YTO', 'xyz', quota)));
    const page = await renderPage(held.callFunction);
    const first = page.root.instance.onPullDownRefresh();
    const second = page.root.instance.onPullDownRefresh();
    const retry = page.root.instance.onRetry();
    await page.settle();
    expect(held.calls).toHaveLength(1);
    quota = 7;
    await held.calls[0]!.release();
    await Promise.all([first, second, retry]);
    await page.settle();
    expect(page.stopPullDownRefresh).toHaveBeenCalledTimes(2);
    expect(page.account('杭州仓').dom.textContent).toContain('7单');
    // Once it ended, the next pull-down asks again.
    void page.root.instance.onPullDownRefresh();
    await page.settle();
    expect(held.calls).toHaveLength(2);
  });
});
