/**
 * @jest-environment jsdom
 */
import type { BalancePoint } from '../../src/core/forecast/balance-points';
import type { ModelStateInput } from '../../emulator/state';
import { HOUR, hourlySeries } from '../support/balance-series';
import { MapBalanceHistory } from '../../emulator/map-balance-history';
import {
  FUNCTION_CLOCK_START,
  answeredByFunction,
  renderPage,
  type RenderedPage,
  quietConsoleErrors,
} from './page-harness';

const NOW = FUNCTION_CLOCK_START;
const MINUTE = 60_000;

/** Hourly readings up to an hour ago, falling by `perDay`, ending at `balance`, as earlier timer runs kept them. */
const steady = (days: number, balance: number, perDay: number): BalancePoint[] =>
  hourlySeries(days * 24, NOW - HOUR, balance, () => perDay / 24).map((point) => ({
    ...point,
    quotaNum: Math.round(point.quotaNum),
  }));

/**
 * The sample accounts' history: 杭州仓 (210 now) uses 100 a day, so it runs out in about 2 days;
 * 韵达 (1530) uses 20 a day, about 76 days; 上海仓 (12, under the threshold) was added 5 hours ago.
 */
function plantedHistory(): MapBalanceHistory {
  const history = new MapBalanceHistory(() => NOW);
  history.plant({ deliveryId: 'YTO', bizId: 'xyz' }, steady(10, 214, 100));
  history.plant({ deliveryId: 'YUNDA', bizId: '韵达义乌网点01' }, steady(10, 1531, 20));
  history.plant({ deliveryId: 'ZTO', bizId: 'ZT10086' }, steady(5 / 24, 12, 0));
  return history;
}

const titles = (page: RenderedPage) => page.all('.account__title').map((title) => title.dom.textContent);

describe('days left on the balances page', () => {
  quietConsoleErrors();
  afterEach(() => jest.restoreAllMocks());

  it('says when each account runs out, from the function’s forecast', async () => {
    const page = await renderPage(answeredByFunction({ history: plantedHistory() }));
    expect(page.all('.account__forecast').map((line) => line.dom.textContent.replace(/\s+/g, ' ').trim())).toEqual([
      '用量不足一天的数据，暂无预测',
      '约 2 天后用完，每天约 100 单',
      '约 76 天后用完，每天约 20 单',
    ]);
    expect(page.account('新开户').dom.textContent).not.toContain('预测');
  });

  it('sorts by urgency: low or running out soon first, soonest first (a low balance without a forecast counted against the threshold), then the rest, then accounts not bound', async () => {
    const page = await renderPage(answeredByFunction({ history: plantedHistory() }));
    // 上海仓: 12 of a threshold of 100, as if 0.4 of the 3 alert days were left; 杭州仓: about 2 days.
    expect(titles(page)).toEqual(['上海仓', '杭州仓', '韵达义乌网点01', '新开户']);
  });

  it('marks an account that runs out within QUOTA_ALERT_DAYS red, though its balance is above the threshold', async () => {
    const page = await renderPage(answeredByFunction({ history: plantedHistory() }));
    const hangzhou = page.account('杭州仓');
    expect(hangzhou.dom.className).toContain('account--low');
    expect(hangzhou.dom.textContent).toContain('即将用完');
    expect(hangzhou.dom.textContent).not.toContain('余额偏低');
    expect(page.all('.account__forecast--soon')).toHaveLength(1);
    expect(page.all('.account--low').map((card) => card.dom.textContent)).toEqual([
      expect.stringContaining('上海仓'),
      expect.stringContaining('杭州仓'),
    ]);
  });

  it('follows the function’s QUOTA_ALERT_DAYS, in the marks and the header', async () => {
    const page = await renderPage(answeredByFunction({ history: plantedHistory(), env: { QUOTA_ALERT_DAYS: '1' } }));
    expect(page.all('.account__forecast--soon')).toHaveLength(0);
    expect(page.text('.page__desc')).toMatch(/^余额低于 ?100 ?单或预计 1 天内用完的账号会标红提醒/);
    const off = await renderPage(answeredByFunction({ history: plantedHistory(), env: { QUOTA_ALERT_DAYS: '0' } }));
    expect(off.text('.page__desc')).toMatch(/^余额低于 ?100 ?单的账号会标红提醒/);
    expect(off.all('.account__forecast--soon')).toHaveLength(0);
  });

  it('says 近期没有用量 for an account whose balance has not dropped', async () => {
    const flat = new MapBalanceHistory(() => NOW);
    flat.plant({ deliveryId: 'YUNDA', bizId: '韵达义乌网点01' }, steady(3, 1530, 0));
    const page = await renderPage(answeredByFunction({ history: flat }));
    expect(page.account('韵达义乌网点01').dom.textContent).toContain('近期没有用量');
    expect(page.account('韵达义乌网点01').dom.textContent).not.toContain('每天');
  });

  it('keeps the forecast of an account whose live query failed', async () => {
    const page = await renderPage(
      answeredByFunction({ history: plantedHistory() }, (harness) =>
        harness.model.addFault({ api: 'logistics.getQuota', deliveryId: 'YTO', errcode: 45011 }),
      ),
    );
    expect(titles(page).slice(0, 2)).toEqual(['上海仓', '杭州仓']);
    expect(page.account('杭州仓').dom.textContent).toMatch(/约 \d 天后用完.*实时余额查询失败/);
  });

  it('shows the stored balance of a failed live query with its age and the reason', async () => {
    const history = plantedHistory();
    history.plant({ deliveryId: 'YUNDA', bizId: '韵达义乌网点01' }, [{ at: NOW - 35 * MINUTE, quotaNum: 1530 }]);
    const page = await renderPage(
      answeredByFunction({ history }, (harness) =>
        harness.model.addFault({ api: 'logistics.getQuota', deliveryId: 'YUNDA', errcode: 45011 }),
      ),
    );
    const yunda = page.account('韵达义乌网点01');
    expect(yunda.dom.textContent).toContain(
      '实时余额查询失败：微信接口每分钟的调用次数已达上限：请等一分钟后再试。显示的是 35 分钟前的余额。',
    );
    expect(yunda.dom.className).not.toContain('account--stale');
  });

  it.each([
    ['with its age when minutes old', 35 * MINUTE, /^35 分钟前的余额：账号较多，这次没有逐个实时查询。$/, false],
    ['muted when hours old', 3 * HOUR, /^\d\d-\d\d \d\d:\d\d 的余额：账号较多，这次没有逐个实时查询。$/, true],
  ])('shows a balance the function had no time to query live %s', async (_name, age, note, stale) => {
    // 30 accounts whose courier answers in a second each: the function's budget reaches only some of them.
    const state: ModelStateInput = {
      couriers: [{ deliveryId: 'YTO', deliveryName: '圆通速递', canGetQuota: true }],
      accounts: Array.from({ length: 30 }, (_, index) => ({ deliveryId: 'YTO', bizId: `B${index}`, quotaNum: 1000 })),
    };
    const history = new MapBalanceHistory(() => NOW);
    for (let index = 0; index < 30; index += 1)
      history.plant({ deliveryId: 'YTO', bizId: `B${index}` }, [{ at: NOW - age, quotaNum: 900 }]);
    const page = await renderPage(
      answeredByFunction({ state, history }, (harness) =>
        harness.model.addFault({ api: 'logistics.getQuota', latencyMs: 1000 }),
      ),
    );
    const stored = page.all('.account').filter((card) => card.dom.textContent.includes('账号较多'));
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(30);
    expect(stored[0]!.dom.textContent).toContain('900');
    expect(
      page
        .all('.account__note')
        .filter((line) => line.dom.textContent.includes('账号较多'))
        .map((line) => line.dom.textContent),
    ).toEqual(stored.map(() => expect.stringMatching(note)));
    expect(stored.every((card) => card.dom.className.includes('account--stale'))).toBe(stale);
  });

  it('opens the trend of the most urgent account from the top of the list', async () => {
    const page = await renderPage(answeredByFunction({ history: plantedHistory() }));
    page.all('.account')[0]!.dispatchEvent('tap');
    await page.settle();
    expect(page.navigateTo).toHaveBeenCalledWith({
      url: expect.stringMatching(/^\/pages\/trend\/index\?deliveryId=ZTO&bizId=ZT10086&/),
    });
  });
});
