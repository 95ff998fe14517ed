import { plantHeartbeat } from '../support/heartbeat';
import { trendUrl } from '../../miniprogram/services/trend-link';
import { MapBalanceHistory } from '../../emulator/map-balance-history';
import {
  FUNCTION_CLOCK_START,
  TREND_PAGE_PATH,
  answeredByFunction,
  renderPage,
  type RenderedPage,
} from '../miniprogram/page-harness';
import { DAY, HOUR, hourlySeries } from '../support/balance-series';

/**
 * The page states of docs/screenshots, one scenario per picture: `npm run screenshots` photographs them
 * and keeps each one's text beside its picture; `npm test` renders them again and compares the text.
 * The accounts are the sample state's, with one history shared by every picture: 杭州仓 reads 210 live
 * and runs out in about 2 days in the list and on its trend alike.
 */
const NOW = FUNCTION_CLOCK_START;

const ALERTS_ON = { QUOTA_ALERT_TEMPLATE_ID: 'tmpl' };

const rounded = (points: ReturnType<typeof hourlySeries>) =>
  points.map((point) => ({ ...point, quotaNum: Math.round(point.quotaNum) }));

/** Hourly readings up to an hour ago, falling by `perDay` to `balance`, as earlier timer runs kept them. */
function steady(days: number, balance: number, perDay: number) {
  return rounded(hourlySeries(days * 24, NOW - HOUR, balance, () => perDay / 24));
}

/** A WeCom and a DingTalk group robot, as a merchant's team would have them. */
const ROBOT_WEBHOOKS = [
  'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
  'https://oapi.dingtalk.com/robot/send?access_token=8f7c2e0d9b6a5c4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e#SEC1234567890abcdef',
].join(',');

/** 杭州仓 over 30 days: about 100 waybills a day, 40 on Sundays (China time), topped up twice. */
function hangzhou() {
  const topUps: Record<number, number> = { [NOW - HOUR - 19 * DAY]: 1000, [NOW - HOUR - 8 * DAY]: 800 };
  const sunday = (at: number) => new Date(at + 8 * HOUR).getUTCDay() === 0;
  const usage = (at: number) => -(topUps[at] ?? 0) || (sunday(at) ? 40 : 100) / 24;
  return rounded(hourlySeries(30 * 24, NOW - HOUR, 214, usage));
}

/** 杭州仓 runs out in about 2 days, 韵达 in about 76; 上海仓 was bound 5 hours ago. */
function sampleHistory(): MapBalanceHistory {
  const history = new MapBalanceHistory(() => NOW);
  history.plant({ deliveryId: 'YTO', bizId: 'xyz' }, hangzhou());
  history.plant({ deliveryId: 'YUNDA', bizId: '韵达义乌网点01' }, steady(10, 1531, 20));
  history.plant({ deliveryId: 'ZTO', bizId: 'ZT10086' }, steady(5 / 24, 12, 0));
  return history;
}

/** The simulated <input> keeps its value in the component, not the DOM: shown as text, as WeChat draws it. */
function showInputs(page: RenderedPage): RenderedPage {
  const input = page.root.querySelector('.biz-id');
  if (input) input.dom.textContent = (page.root.instance.data as { bizId: string }).bizId || 'bizId，如 xyz';
  return page;
}

async function balances(): Promise<RenderedPage> {
  const page = await renderPage(
    answeredByFunction(
      { history: sampleHistory(), env: { ...ALERTS_ON, QUOTA_ALERT_WEBHOOKS: ROBOT_WEBHOOKS } },
      (harness) => {
        harness.model.addFault({ api: 'logistics.getQuota', deliveryId: 'YUNDA', errcode: 45011 });
        plantHeartbeat(harness.database, NOW - 4 * 60_000);
      },
    ),
  );
  page.root.querySelector('.courier-picker').dispatchEvent('change', { detail: { value: 0 } });
  page.root.querySelector('.biz-id').dispatchEvent('input', { detail: { value: 'xyz' } });
  page.root.querySelector('.query__button').dispatchEvent('tap');
  await page.settle();
  return showInputs(page);
}

async function refreshFailed(): Promise<RenderedPage> {
  let failing = false;
  const good = answeredByFunction({ history: sampleHistory(), env: ALERTS_ON }, (harness) =>
    plantHeartbeat(harness.database, NOW - 4 * 60_000),
  );
  const failed = answeredByFunction({}, (harness) =>
    harness.model.addFault({ api: 'logistics.getAllAccount', errcode: 45009 }),
  );
  const page = await renderPage((options) => (failing ? failed(options) : good(options)));
  failing = true;
  page.setNow(NOW + 12 * 60_000);
  await page.root.instance.onPullDownRefresh();
  await page.settle();
  return showInputs(page);
}

async function forbidden(): Promise<RenderedPage> {
  return showInputs(
    await renderPage(
      answeredByFunction({ admins: 'oSomeoneElse000000000000', openId: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE' }),
    ),
  );
}

async function empty(): Promise<RenderedPage> {
  const answer = { accounts: [], unsupported: [], fetchedAt: new Date(NOW).toISOString(), alertDays: 3 };
  return showInputs(await renderPage(async () => ({ result: { ok: true, data: answer } })));
}

/** 杭州仓's trend, opened from the list: the list's live reading of 210 is the trend's latest. */
async function trend(): Promise<RenderedPage> {
  const history = sampleHistory();
  const callFunction = answeredByFunction({ history, env: ALERTS_ON });
  await callFunction({ name: 'getQuota', data: { all: true } });
  const url = trendUrl({ deliveryId: 'YTO', bizId: 'xyz', courier: '圆通速递', title: '杭州仓' });
  // As WeChat hands it to onLoad: the values as written in the URL, still encoded.
  const query = Object.fromEntries(
    url
      .split('?')[1]!
      .split('&')
      .map((pair) => pair.split('=') as [string, string]),
  );
  return renderPage(callFunction, { path: TREND_PAGE_PATH, query });
}

export const SCENARIOS: Readonly<Record<string, () => Promise<RenderedPage>>> = {
  balances,
  'refresh-failed': refreshFailed,
  forbidden,
  empty,
  trend,
};

/** The page's text as a reader sees it: each text node's words on a line of their own, in page order. */
export function pageText(page: RenderedPage): string {
  const walker = document.createTreeWalker(page.root.dom, NodeFilter.SHOW_TEXT);
  const lines: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const line = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (line !== '') lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
