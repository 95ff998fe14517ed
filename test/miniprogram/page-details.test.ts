/**
 * @jest-environment jsdom
 */
import { readFile } from 'node:fs/promises';
import sampleState from '../../emulator/sample-state.json';
import type { ModelStateInput } from '../../emulator/state';
import {
  FUNCTION_CLOCK_START,
  PAGE_PATH,
  answeredByFunction,
  heldAnswers,
  renderPage,
  type RenderedPage,
  quietConsoleErrors,
} from './page-harness';

const MINUTE = 60_000;

function pickCourier(page: RenderedPage, index: number): void {
  page.root.querySelector('.courier-picker').dispatchEvent('change', { detail: { value: index } });
}

function typeBizId(page: RenderedPage, bizId: string): void {
  page.root.querySelector('.biz-id').dispatchEvent('input', { detail: { value: bizId } });
}

async function tapQuery(page: RenderedPage): Promise<void> {
  page.root.querySelector('.query__button').dispatchEvent('tap');
  await page.settle();
}

describe('the not-an-admin state', () => {
  it.each([
    [
      'not on the admin list',
      { admins: 'oSomeoneElse0000000000', openId: 'oAbcdefghij-klm-' },
      'oAbcdefghij-klm-',
      '你还没有查看面单余额的权限：请管理员把你的 OPENID 加入云函数环境变量 QUOTA_ADMIN_OPENIDS。',
    ],
    [
      'with no admin list set yet',
      { admins: undefined, openId: 'oAbc_def-ghi_' },
      'oAbc_def-ghi_',
      '还没有设置可以查看面单余额的管理员：' +
        '请在云开发控制台把管理员的 OPENID（你的 OPENID 见下方）填入 getQuota 的环境变量 QUOTA_ADMIN_OPENIDS。',
    ],
  ])('shows the OPENID whole and selectable when %s', async (_name, options, openId, sentence) => {
    const page = await renderPage(answeredByFunction(options));
    expect(page.text('.error-text')).toBe(sentence);
    expect(page.text('.openid__value')).toBe(openId);
  });

  it('lets the OPENID be selected by a long press', async () => {
    // miniprogram-simulate drops built-in components' attributes, so this reads the template itself.
    const wxml = await readFile(`${PAGE_PATH}.wxml`, 'utf8');
    expect(wxml).toMatch(/<text class="openid__value" user-select="\{\{true\}\}">\{\{openId\}\}<\/text>/);
  });

  it('copies the OPENID with 复制 and confirms with a toast', async () => {
    const page = await renderPage(answeredByFunction({ admins: 'oSomeoneElse0000000000', openId: 'oAbcdefghij-klm-' }));
    page.root.querySelector('.copy-openid').dispatchEvent('tap');
    await page.settle();
    expect(page.setClipboardData).toHaveBeenCalledWith(expect.objectContaining({ data: 'oAbcdefghij-klm-' }));
    expect(page.showToast).toHaveBeenCalledWith({ title: '已复制 OPENID', icon: 'success' });
  });

  it('says how to copy by hand when the clipboard refuses', async () => {
    const page = await renderPage(
      answeredByFunction({ admins: 'oSomeoneElse0000000000', openId: 'oAbcdefghij-klm-' }),
      { clipboardFails: true },
    );
    page.root.querySelector('.copy-openid').dispatchEvent('tap');
    await page.settle();
    expect(page.showToast).toHaveBeenCalledWith({ title: '复制失败：请长按 OPENID 手动复制', icon: 'none' });
  });

  it.each([
    [
      'a user of another mini-program through resource sharing',
      { caller: { fromAppId: 'wxBBBBBBBBBBBBBBBB', fromOpenId: 'oFromOther' } },
    ],
    [
      'a caller whose APPID is not this app',
      { caller: { appId: 'wxBBBBBBBBBBBBBBBB' }, env: { QUOTA_APPID: 'wxAAAAAAAAAAAAAAAA' } },
    ],
  ])('tells %s that the call comes from another app, and shows no OPENID to copy', async (_case, options) => {
    // Even a listed admin: a call from another app is refused before the admin list is read.
    const page = await renderPage(answeredByFunction(options));
    expect(page.text('.error-text')).toBe(
      '这次查询来自另一个小程序（云开发资源共享），面单余额只对本小程序开放：' +
        '如需允许，请本小程序的管理员把那个小程序的 AppID 加入云函数环境变量 QUOTA_SHARED_APPIDS。',
    );
    expect(page.all('.openid')).toHaveLength(0);
  });

  it('asks a caller without an OPENID to open the mini-program in WeChat, and shows no OPENID box', async () => {
    const page = await renderPage(answeredByFunction({ openId: ' ' }));
    expect(page.text('.error-text')).toBe(
      '没有取得你的微信身份（OPENID），无法核对管理员名单：请在微信中重新打开小程序后重试。',
    );
    expect(page.all('.openid')).toHaveLength(0);
  });

  it('shows no OPENID box for other errors', async () => {
    const page = await renderPage(
      answeredByFunction({}, (harness) => harness.model.addFault({ api: 'logistics.getAllAccount', errcode: 48001 })),
    );
    expect(page.all('.openid')).toHaveLength(0);
  });
});

describe('times on the page', () => {
  it('reads recent times as 刚刚 and N 分钟前, and renders them again when the page is shown', async () => {
    const page = await renderPage(answeredByFunction());
    expect(page.text('.fetched-at')).toBe('，更新于 刚刚');
    page.setNow(FUNCTION_CLOCK_START + 25 * MINUTE);
    page.root.instance.onShow();
    page.root.instance.onHide();
    await page.settle();
    expect(page.text('.fetched-at')).toBe('，更新于 25 分钟前');
  });

  it('shows the year of a time from another year', async () => {
    // A snapshot cached in November 2023, read while the live figure fails.
    const state = {
      ...sampleState,
      accounts: sampleState.accounts.map((account) =>
        account.deliveryId === 'ZTO' ? { ...account, snapshotUpdateTime: 1700000000 } : account,
      ),
    } as ModelStateInput;
    const page = await renderPage(
      answeredByFunction({ state }, (harness) =>
        harness.model.addFault({ api: 'logistics.getQuota', deliveryId: 'ZTO', errcode: 9300537 }),
      ),
    );
    expect(page.account('上海仓').dom.textContent).toMatch(/显示的是缓存数据，更新于 2023-11-1[45] \d\d:\d\d。/);
    page.setNow(Date.UTC(2027, 1, 1));
    page.root.instance.onShow();
    page.root.instance.onHide();
    await page.settle();
    expect(page.text('.fetched-at')).toMatch(/^，更新于 2026-11-29 \d\d:\d\d$/);
  });
});

describe('the single-account form', () => {
  quietConsoleErrors();
  afterEach(() => jest.restoreAllMocks());

  it('clears the result when the 客户编码 changes', async () => {
    const page = await renderPage(answeredByFunction());
    pickCourier(page, 0);
    typeBizId(page, 'xyz');
    await tapQuery(page);
    expect(page.text('.single')).toBe('YTO / xyz：剩余 210 单（刚刚）');
    typeBizId(page, 'xyz2');
    await page.settle();
    expect(page.all('.single')).toHaveLength(0);
  });

  it('clears the result, or the error, when the courier changes', async () => {
    const page = await renderPage(answeredByFunction());
    pickCourier(page, 0);
    typeBizId(page, 'nobody');
    await tapQuery(page);
    expect(page.all('.single--error')).toHaveLength(1);
    pickCourier(page, 1);
    await page.settle();
    expect(page.all('.single')).toHaveLength(0);
    typeBizId(page, 'ZT10086');
    await tapQuery(page);
    expect(page.text('.single')).toMatch(/^ZTO \/ ZT10086：剩余 12 单/);
    pickCourier(page, 0);
    await page.settle();
    expect(page.all('.single')).toHaveLength(0);
  });

  it('shows only the answer for the account now in the form when answers arrive out of order', async () => {
    const held = heldAnswers(answeredByFunction());
    const page = await renderPage(held.callFunction);
    await held.calls[0]!.release();
    await page.settle();
    pickCourier(page, 0);
    typeBizId(page, 'xyz');
    await tapQuery(page);
    pickCourier(page, 1);
    typeBizId(page, 'ZT10086');
    await tapQuery(page);
    expect(held.calls.map((call) => call.data)).toEqual([
      { all: true },
      { deliveryId: 'YTO', bizId: 'xyz' },
      { deliveryId: 'ZTO', bizId: 'ZT10086' },
    ]);
    await held.calls[2]!.release();
    await page.settle();
    await held.calls[1]!.release();
    await page.settle();
    expect(page.all('.single')).toHaveLength(1);
    expect(page.text('.single')).toMatch(/^ZTO \/ ZT10086：剩余 12 单/);
  });

  it('ignores the answer of a query whose form was changed before it came', async () => {
    const held = heldAnswers(answeredByFunction());
    const page = await renderPage(held.callFunction);
    await held.calls[0]!.release();
    await page.settle();
    pickCourier(page, 0);
    typeBizId(page, 'xyz');
    await tapQuery(page);
    expect(page.root.instance.data.querying).toBe(true);
    typeBizId(page, 'xy');
    await page.settle();
    expect(page.root.instance.data.querying).toBe(false);
    await held.calls[1]!.release();
    await page.settle();
    expect(page.all('.single')).toHaveLength(0);
  });

  it('keeps the picked courier when a refreshed list orders couriers differently', async () => {
    let reversed = false;
    const page = await renderPage((options) =>
      answeredByFunction(reversed ? { state: { ...sampleState, accounts: [...sampleState.accounts].reverse() } } : {})(
        options,
      ),
    );
    pickCourier(page, 1);
    await page.settle();
    expect(page.text('.courier-picked')).toBe('中通快递（ZTO）');
    reversed = true;
    await page.root.instance.onPullDownRefresh();
    await page.settle();
    expect(page.text('.courier-picked')).toBe('中通快递（ZTO）');
  });
});

describe('opening an account’s trend', () => {
  it('opens the trend page of the tapped account', async () => {
    const page = await renderPage(answeredByFunction());
    const zto = page.account('上海仓');
    zto.dispatchEvent('tap');
    await page.settle();
    expect(page.navigateTo).toHaveBeenCalledWith({
      url: '/pages/trend/index?deliveryId=ZTO&bizId=ZT10086&courier=%E4%B8%AD%E9%80%9A%E5%BF%AB%E9%80%92&title=%E4%B8%8A%E6%B5%B7%E4%BB%93',
    });
  });

  it('opens nothing for an account that is not bound, and shows it no arrow', async () => {
    const page = await renderPage(answeredByFunction());
    const reviewing = page.account('审核中');
    reviewing.dispatchEvent('tap');
    await page.settle();
    expect(page.navigateTo).not.toHaveBeenCalled();
    expect(page.all('.account__arrow')).toHaveLength(3);
  });
});
