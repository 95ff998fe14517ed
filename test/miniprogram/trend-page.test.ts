/**
 * @jest-environment jsdom
 */
import { trendUrl } from '../../miniprogram/services/trend-link';
import type { CallFunction } from '../../miniprogram/services/quota-service';
import type { BalancePoint } from '../../src/core/forecast/balance-points';
import { DAY, hourlySeries } from '../support/balance-series';
import { MapBalanceHistory } from '../../emulator/map-balance-history';
import {
  FUNCTION_CLOCK_START,
  TREND_PAGE_PATH,
  answeredByFunction,
  heldAnswers,
  renderPage,
  quietConsoleErrors,
} from './page-harness';

const NOW = FUNCTION_CLOCK_START;
const ACCOUNT = { deliveryId: 'YTO', bizId: 'xyz', courier: '圆通速递', title: '杭州仓' };

/** 30 days at 40 waybills a day, 500 added 12 days ago: 200 left, about 5 days. */
const busy = hourlySeries(30 * 24, NOW, 200, (at) => (at === NOW - 12 * DAY ? -500 : 40 / 24)).map((point) => ({
  ...point,
  quotaNum: Math.round(point.quotaNum),
}));

/** The real function, with `points` as the history earlier runs kept of 杭州仓. */
function historyOf(points: readonly BalancePoint[], env: Record<string, string> = {}): CallFunction {
  const history = new MapBalanceHistory(() => NOW);
  if (points.length > 0) history.plant({ deliveryId: 'YTO', bizId: 'xyz' }, points);
  return answeredByFunction({ history, env });
}

function queryOf(url: string): Record<string, string> {
  return Object.fromEntries((url.split('?')[1] ?? '').split('&').map((pair) => pair.split('=') as [string, string]));
}

const renderTrend = (answer: CallFunction, query: Record<string, string> = queryOf(trendUrl(ACCOUNT))) =>
  renderPage(answer, { path: TREND_PAGE_PATH, query });

describe('the trend page', () => {
  quietConsoleErrors();

  it('asks the function for the account’s 30 days and names the account', async () => {
    const page = await renderTrend(historyOf(busy));
    expect(page.callFunction).toHaveBeenCalledWith({
      name: 'getQuota',
      data: { history: { deliveryId: 'YTO', bizId: 'xyz', days: 30 } },
    });
    expect(page.text('.page__courier')).toBe('圆通速递');
    expect(page.text('.page__title')).toBe('杭州仓');
    expect(page.text('.page__desc')).toBe('客户编码 xyz');
  });

  it('sums up the balance, when it runs out and what was added', async () => {
    const page = await renderTrend(historyOf(busy));
    expect(page.text('.summary__balance')).toBe('200单刚刚');
    expect(page.text('.forecast')).toBe('约 5 天后用完');
    expect(page.all('.forecast--soon')).toHaveLength(0);
    expect(page.text('.run-out')).toMatch(/^预计 12-0[34] \d\d:\d\d 前后用完$/);
    expect(page.text('.usage')).toBe('每天约 40 单，依据 28 天的余额记录');
    expect(page.text('.top-up-text')).toBe('30 天内充值 1 次，共 500 单');
  });

  it('draws the history as columns, the top-up as a labelled rise, and the run-out date', async () => {
    const page = await renderTrend(historyOf(busy));
    const history = page.all('.column--balance, .column--topup');
    expect(history.length).toBeGreaterThan(100);
    const columns = page.all('.column');
    const topUp = columns.findIndex((column) => column.dom.className.includes('column--topup'));
    const heightOf = (index: number) => parseFloat(columns[index]!.dom.style.height);
    expect(heightOf(topUp)).toBeGreaterThan(heightOf(topUp - 1) + 30);
    expect(page.text('.top-up')).toBe('+500');
    expect(page.all('.column--forecast').length).toBeGreaterThan(0);
    expect(page.text('.run-out-mark__label')).toMatch(/^预计 12-0[34] 用完$/);
    expect(page.text('.now-line__label')).toBe('现在');
    expect(page.all('.gridline').map((line) => line.dom.textContent)).toEqual(['0', '500', '1000']);
    expect(page.all('.tick').length).toBeGreaterThanOrEqual(3);
  });

  it('reads the balance’s age again when the page is shown later', async () => {
    const page = await renderTrend(historyOf(busy));
    page.setNow(NOW + 40 * 60_000);
    page.root.instance.onShow();
    await page.settle();
    expect(page.text('.balance__at')).toBe('40 分钟前');
  });

  it('marks a run-out within the alert days red', async () => {
    const page = await renderTrend(historyOf(busy, { QUOTA_ALERT_DAYS: '7' }));
    expect(page.all('.forecast--soon').map((line) => line.dom.className)).toEqual([
      expect.stringContaining('forecast'),
      expect.stringContaining('run-out'),
    ]);
    expect(page.text('.explain')).toContain('预计 7 天内用完的账号会标红提醒');
  });

  it('says there is too little history for a forecast, and still draws what there is', async () => {
    const page = await renderTrend(historyOf(hourlySeries(10, NOW, 300, () => 3)));
    expect(page.text('.forecast')).toBe('用量不足一天的数据，暂无预测');
    expect(page.all('.run-out, .run-out-mark, .usage')).toHaveLength(0);
    expect(page.all('.column--balance').length).toBe(11);
  });

  it('says when there is no usage', async () => {
    const page = await renderTrend(historyOf(hourlySeries(48, NOW, 300, () => 0)));
    expect(page.text('.forecast')).toBe('近期没有用量');
    expect(page.text('.top-up-text')).toBe('30 天内没有充值');
  });

  it('explains an account with no readings yet', async () => {
    const page = await renderTrend(historyOf([]));
    expect(page.text('.empty-text')).toBe(
      '还没有这个账号的余额记录。云函数每小时记下一次余额，请过一两个小时再来看；记满一天后会显示预计用完的时间。',
    );
    expect(page.all('.chart')).toHaveLength(0);
  });

  it('shows the loading state while the function runs', async () => {
    let release: (value: { result?: unknown }) => void = () => undefined;
    const page = await renderTrend(() => new Promise((resolve) => (release = resolve)));
    expect(page.text('.state--loading')).toBe('正在读取余额走势…');
    release(
      await historyOf(busy)({ name: 'getQuota', data: { history: { deliveryId: 'YTO', bizId: 'xyz', days: 30 } } }),
    );
    await page.settle();
    expect(page.all('.state--loading')).toHaveLength(0);
    expect(page.all('.chart')).toHaveLength(1);
  });

  it('turns a refusal into a Chinese sentence and retries', async () => {
    let fail = true;
    const answer: CallFunction = async (options) =>
      fail
        ? { result: { ok: false, error: { code: 'RATE_LIMITED', message: 'slow down', errCode: 45011 } } }
        : historyOf(busy)(options);
    const page = await renderTrend(answer);
    expect(page.text('.error-text')).toBe('微信接口每分钟的调用次数已达上限：请等一分钟后再试。');
    fail = false;
    page.root.querySelector('.retry').dispatchEvent('tap');
    await page.settle();
    expect(page.all('.chart')).toHaveLength(1);
  });

  it.each([
    ['no data', { ok: true }],
    ['a forecast missing', { ok: true, data: { deliveryId: 'YTO', bizId: 'xyz', days: 30, points: [], alertDays: 3 } }],
  ])('shows an error, not a crash, for a malformed answer: %s', async (_name, result) => {
    const page = await renderTrend(async () => ({ result }));
    expect(page.text('.error-text')).toBe('云函数返回的数据格式不正确：请确认已部署最新版本的 getQuota 云函数。');
  });

  it('keeps the chart when a pull-down refresh fails, and says so', async () => {
    let fail = false;
    const page = await renderTrend(async (options) =>
      fail
        ? { result: { ok: false, error: { code: 'UPSTREAM_UNAVAILABLE', message: 'busy', errCode: -1 } } }
        : historyOf(busy)(options),
    );
    fail = true;
    await page.root.instance.onPullDownRefresh();
    await page.settle();
    expect(page.all('.chart')).toHaveLength(1);
    expect(page.showToast).toHaveBeenCalledWith({ title: '刷新失败，显示的是之前的数据', icon: 'none' });
    expect(page.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  it('runs one load at a time: a pull-down and a retry join the running one, and the next asks again', async () => {
    const held = heldAnswers(historyOf(busy));
    const page = await renderTrend(held.callFunction);
    await held.calls[0]!.release();
    await page.settle();
    const first = page.root.instance.onPullDownRefresh();
    const retry = page.root.instance.onRetry();
    await page.settle();
    expect(held.calls).toHaveLength(2);
    await held.calls[1]!.release();
    await Promise.all([first, retry]);
    void page.root.instance.onPullDownRefresh();
    await page.settle();
    expect(held.calls).toHaveLength(3);
  });

  it('asks to go back to the list when opened without an account', async () => {
    const page = await renderTrend(historyOf(busy), {});
    expect(page.text('.error-text')).toBe('不知道要看哪个账号的走势：请回到余额列表，点一个账号再看。');
    expect(page.callFunction).not.toHaveBeenCalled();
    expect(page.all('.retry')).toHaveLength(0);
  });
});
