/**
 * @jest-environment jsdom
 */
import { RID, accountListFault } from '../support/real-answers';
import { answeredByFunction, renderPage, type RenderedPage } from './page-harness';

/** WeChat's 9300501 as it really comes: the courier's own code and words beside WeChat's. */
const courierRefusal = (code: number | string, words: string) => ({
  errcode: 9300501,
  errmsg: `delivery logic fail ${RID}`,
  delivery_resultcode: code,
  delivery_resultmsg: words,
});

async function queryOne(page: RenderedPage, courierIndex: number, bizId: string): Promise<void> {
  page.root.querySelector('.courier-picker').dispatchEvent('change', { detail: { value: courierIndex } });
  page.root.querySelector('.biz-id').dispatchEvent('input', { detail: { value: bizId } });
  page.root.querySelector('.query__button').dispatchEvent('tap');
  await page.settle();
}

describe("the courier's own reason behind 9300501", () => {
  it('is in the sentence of a single query', async () => {
    const page = await renderPage(
      answeredByFunction({}, (harness) =>
        harness.model.addFault({
          api: 'logistics.getQuota',
          deliveryId: 'YTO',
          body: courierRefusal(10001, '客户编码或者月结账户不存在'),
        }),
      ),
    );
    await queryOne(page, 0, 'xyz');
    expect(page.text('.single--error')).toBe(
      '快递公司拒绝了这次查询（快递公司返回 10001：客户编码或者月结账户不存在）：' +
        '请核对这个账号在快递公司的客户编码和密码，或联系快递网点。',
    );
  });

  it('stays on its own account in the list', async () => {
    const page = await renderPage(
      answeredByFunction({}, (harness) =>
        harness.model.addFault({
          api: 'logistics.getQuota',
          deliveryId: 'ZTO',
          body: courierRefusal('10002', '密码错误'),
        }),
      ),
    );
    const [yto, zto] = [page.account('杭州仓').dom.textContent, page.account('上海仓').dom.textContent];
    expect(zto).toContain(
      '实时余额查询失败：快递公司拒绝了这次查询（快递公司返回 10002：密码错误）：' +
        '请核对这个账号在快递公司的客户编码和密码，或联系快递网点。显示的是缓存数据',
    );
    expect(yto).not.toContain('快递公司拒绝');
  });

  it('is said with whatever part the courier gave', async () => {
    const page = await renderPage(
      answeredByFunction({}, (harness) =>
        harness.model.addFault({
          api: 'logistics.getQuota',
          body: { errcode: 9300501, errmsg: 'delivery logic fail', delivery_resultmsg: '月结账号已停用' },
        }),
      ),
    );
    await queryOne(page, 0, 'xyz');
    expect(page.text('.single--error')).toBe(
      '快递公司拒绝了这次查询（快递公司返回 月结账号已停用）：' +
        '请核对这个账号在快递公司的客户编码和密码，或联系快递网点。',
    );
  });

  it('falls back to the code when WeChat passed no reason on', async () => {
    const page = await renderPage(
      answeredByFunction({}, (harness) => harness.model.addFault({ api: 'logistics.getQuota', errcode: 9300501 })),
    );
    await queryOne(page, 0, 'xyz');
    expect(page.text('.single--error')).toBe(
      '快递公司拒绝了这次查询（错误码 9300501）：请核对这个账号在快递公司的客户编码和密码，或联系快递网点。',
    );
  });
});

describe('accounts that are not queried', () => {
  it("says a courier missing from WeChat's courier list is missing, not that it bills per parcel", async () => {
    const page = await renderPage(
      answeredByFunction({}, (harness) =>
        harness.model.addFault(
          accountListFault((rows) => [
            ...rows,
            { biz_id: 'NEW-1', delivery_id: 'NEWCO', status_code: 0, alias: '新快递', quota_num: 9 },
          ]),
        ),
      ),
    );
    expect(page.text('.unsupported--no-quota')).toBe('以下账号的快递公司按单结算，没有面单余额可查：顺丰速运 顺丰月结');
    expect(page.text('.unsupported--courier-unlisted')).toBe(
      '以下账号的快递公司不在微信物流助手的快递公司列表中，暂时无法查询余额：NEWCO 新快递。' +
        '请稍后下拉刷新，或在小程序管理后台「物流助手」中核对这些账号。',
    );
    expect(page.all('.account')).toHaveLength(4);
  });

  it('names only the reasons that apply', async () => {
    const page = await renderPage(
      answeredByFunction({}, (harness) =>
        harness.model.addFault(accountListFault((rows) => rows.filter((row) => row.delivery_id !== 'SF'))),
      ),
    );
    expect(page.all('.unsupported')).toHaveLength(0);
  });
});

describe('a cached figure whose time WeChat gave wrong', () => {
  it.each([
    ['out of range', { quota_update_time: 9e12 }],
    ['missing', { quota_update_time: undefined }],
  ])('is shown with its time said to be unknown when the time is %s', async (_name, fields) => {
    const page = await renderPage(
      answeredByFunction({}, (harness) => {
        harness.model.addFault(
          accountListFault((rows) => rows.map((row) => (row.biz_id === 'ZT10086' ? { ...row, ...fields } : row))),
        );
        harness.model.addFault({ api: 'logistics.getQuota', deliveryId: 'ZTO', errcode: 45011 });
      }),
    );
    const zto = page.account('上海仓').dom.textContent;
    expect(zto.replace(/\s+/g, '')).toContain('40单');
    expect(zto).toContain(
      '实时余额查询失败：微信接口每分钟的调用次数已达上限：请等一分钟后再试。显示的是缓存数据，更新时间未知。',
    );
    page.root.instance.onShow();
    page.root.instance.onHide();
    await page.settle();
    expect(page.all('.account')).toHaveLength(4);
  });
});
