/**
 * @jest-environment jsdom
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { trendUrl } from '../../miniprogram/services/trend-link';
import {
  FUNCTION_CLOCK_START,
  TREND_PAGE_PATH,
  answeredByFunction,
  renderPage,
  type RenderedPage,
} from '../miniprogram/page-harness';
import { DAY, hourlySeries } from '../support/balance-series';
import { MapBalanceHistory } from '../../src/emulator/map-balance-history';

/**
 * Renders the real page in each of its states and writes each as a standalone HTML file, for
 * scripts/screenshots.ts to photograph with Chromium. Run by `npm run screenshots`, not by `npm test`.
 */
const OUT = process.env.SCREENSHOT_HTML_DIR ?? path.resolve(__dirname, '../../.screenshots');

async function save(name: string, page: RenderedPage): Promise<void> {
  // The simulated <input> keeps its value in the component, not the DOM: show it as text.
  const input = page.root.querySelector('.biz-id');
  if (input) input.dom.textContent = (page.root.instance.data as { bizId: string }).bizId || 'bizId，如 xyz';
  const styles = [...document.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
  await mkdir(OUT, { recursive: true });
  await writeFile(
    path.join(OUT, `${name}.html`),
    `<!doctype html><html><head><meta charset="utf-8"><style>${styles}</style></head><body>${page.root.dom.outerHTML}</body></html>`,
  );
}

/** Hourly readings up to an hour ago, falling by `perDay` to `balance`, as earlier timer runs kept them. */
function steady(days: number, balance: number, perDay: number) {
  return hourlySeries(days * 24, FUNCTION_CLOCK_START - 3_600_000, balance, () => perDay / 24).map((point) => ({
    ...point,
    quotaNum: Math.round(point.quotaNum),
  }));
}

/** 杭州仓 runs out in about 2 days, 韵达 in about 76; 上海仓 was bound 5 hours ago. */
function sampleHistory(): MapBalanceHistory {
  const history = new MapBalanceHistory(() => FUNCTION_CLOCK_START);
  history.plant({ deliveryId: 'YTO', bizId: 'xyz' }, steady(10, 214, 100));
  history.plant({ deliveryId: 'YUNDA', bizId: '韵达义乌网点01' }, steady(10, 1531, 20));
  history.plant({ deliveryId: 'ZTO', bizId: 'ZT10086' }, steady(5 / 24, 12, 0));
  return history;
}

describe('page states for the README', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));

  it('balances', async () => {
    const page = await renderPage(
      answeredByFunction({ history: sampleHistory(), env: { QUOTA_ALERT_TEMPLATE_ID: 'tmpl' } }, (harness) =>
        harness.model.addFault({ api: 'logistics.getQuota', deliveryId: 'YUNDA', errcode: 45011 }),
      ),
    );
    page.root.querySelector('.courier-picker').dispatchEvent('change', { detail: { value: 0 } });
    page.root.querySelector('.biz-id').dispatchEvent('input', { detail: { value: 'xyz' } });
    page.root.querySelector('.query__button').dispatchEvent('tap');
    await page.settle();
    await save('balances', page);
  });

  it('refresh-failed', async () => {
    let failing = false;
    const good = answeredByFunction({ history: sampleHistory(), env: { QUOTA_ALERT_TEMPLATE_ID: 'tmpl' } });
    const failed = answeredByFunction({}, (harness) =>
      harness.model.addFault({ api: 'logistics.getAllAccount', errcode: 45009 }),
    );
    const page = await renderPage((options) => (failing ? failed(options) : good(options)));
    failing = true;
    page.setNow(FUNCTION_CLOCK_START + 12 * 60_000);
    await page.root.instance.onPullDownRefresh();
    await page.settle();
    await save('refresh-failed', page);
  });

  it('forbidden', async () => {
    await save(
      'forbidden',
      await renderPage(
        answeredByFunction({ admins: 'oSomeoneElse000000000000', openId: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE' }),
      ),
    );
  });

  it('empty', async () => {
    await save(
      'empty',
      await renderPage(async () => ({
        result: {
          ok: true,
          data: { accounts: [], unsupported: [], fetchedAt: '2026-11-29T01:00:00.000Z', alertDays: 3 },
        },
      })),
    );
  });

  it('trend', async () => {
    // 30 days of a shop using about 40 waybills a day, less on Sundays, topped up twice; 2.7 days left.
    const now = FUNCTION_CLOCK_START;
    const topUps: Record<number, number> = { [now - 19 * DAY]: 450, [now - 8 * DAY]: 400 };
    const usage = (at: number) => -(topUps[at] ?? 0) || (new Date(at + 8 * 3_600_000).getUTCDay() === 0 ? 15 : 45) / 24;
    const points = hourlySeries(30 * 24, now, 120, usage).map((point) => ({
      ...point,
      quotaNum: Math.round(point.quotaNum),
    }));
    const url = trendUrl({ deliveryId: 'YTO', bizId: 'xyz', courier: '圆通速递', title: '杭州仓' });
    const query = Object.fromEntries(
      url
        .split('?')[1]!
        .split('&')
        .map((pair) => pair.split('=') as [string, string]),
    );
    const history = new MapBalanceHistory(() => now);
    history.plant({ deliveryId: 'YTO', bizId: 'xyz' }, points);
    await save('trend', await renderPage(answeredByFunction({ history }), { path: TREND_PAGE_PATH, query }));
  });
});
