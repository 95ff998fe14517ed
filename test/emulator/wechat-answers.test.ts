import sampleState from '../../emulator/sample-state.json';
import { startHttpsFace } from '../../emulator/https-server';
import { OFFICIAL_GET_ALL_ACCOUNT_SAMPLE, UNDOCUMENTED_ERRCODES, courierRefusal } from '../../emulator/wechat-answers';
import { EMULATED_CREDENTIALS, WechatModel } from '../../emulator/wechat-model';

const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
const fresh = () => new WechatModel(sampleState);
const body = (model: WechatModel, api: string, params: Record<string, unknown> = {}) =>
  (model.answer(api, params).answer as { body: Record<string, unknown> }).body;

describe('answers as WeChat writes them', () => {
  it('ends every error message with a rid, and leaves successes alone', () => {
    const model = fresh();
    expect(body(model, 'logistics.getQuota', { delivery_id: 'YTO', biz_id: 'other' })).toEqual({
      errcode: 9300525,
      errmsg: expect.stringMatching(new RegExp(`^bizid not bind${RID.source}`)),
    });
    model.addFault({
      api: 'logistics.getQuota',
      times: 1,
      errcode: 45009,
      errmsg: 'reach max api daily quota limit rid: 11111111-22222222-33333333',
    });
    expect(body(model, 'logistics.getQuota')).toEqual({
      errcode: 45009,
      errmsg: 'reach max api daily quota limit rid: 11111111-22222222-33333333',
    });
    expect(body(model, 'logistics.getQuota', { delivery_id: 'YTO', biz_id: 'xyz' })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      quota_num: 210,
    });
  });

  it('carries the courier own reason on a 9300501, over HTTPS as on the model', async () => {
    const model = fresh();
    model.addFault({ api: 'logistics.getQuota', ...courierRefusal(10001, '客户编码或者月结账户不存在') });
    const face = await startHttpsFace(model);
    try {
      const post = (path: string, payload: unknown) =>
        fetch(`${face.baseUrl}${path}`, { method: 'POST', body: JSON.stringify(payload) }).then(
          (response) => response.json() as Promise<Record<string, unknown>>,
        );
      const { access_token: token } = await post('/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid: EMULATED_CREDENTIALS.appId,
        secret: EMULATED_CREDENTIALS.appSecret,
      });
      expect(
        await post(`/cgi-bin/express/business/quota/get?access_token=${String(token)}`, {
          delivery_id: 'YTO',
          biz_id: 'xyz',
        }),
      ).toEqual({
        errcode: 9300501,
        errmsg: expect.stringMatching(new RegExp(`^delivery logic fail${RID.source}`)),
        delivery_resultcode: 10001,
        delivery_resultmsg: '客户编码或者月结账户不存在',
      });
    } finally {
      await face.close();
    }
  });

  it.each(UNDOCUMENTED_ERRCODES)('answers the undocumented code %i when told to', (errcode) => {
    const model = fresh();
    model.addFault({ api: 'logistics.getQuota', errcode });
    expect(body(model, 'logistics.getQuota')).toEqual({ errcode, errmsg: expect.stringMatching(RID) });
  });

  it('writes getAllAccount rows exactly as the official sample does (no service_type) when asked', () => {
    const model = fresh();
    expect(Object.keys((body(model, 'logistics.getAllAccount').list as object[])[0]!)).toContain('service_type');
    model.setAccountRowShape('official-sample');
    const rows = body(model, 'logistics.getAllAccount').list as Array<Record<string, unknown>>;
    expect(rows.map((row) => Object.keys(row))).toEqual(
      rows.map(() => Object.keys(OFFICIAL_GET_ALL_ACCOUNT_SAMPLE.list[0]!)),
    );
  });
});
