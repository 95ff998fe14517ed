import sampleState from '../../emulator/sample-state.json';
import { parseModelState } from '../../emulator/state';
import { WechatModel } from '../../emulator/wechat-model';

const quota = (model: WechatModel, deliveryId: unknown, bizId: unknown) =>
  model.answer('logistics.getQuota', { delivery_id: deliveryId, biz_id: bizId }).answer;

describe('WechatModel', () => {
  const fresh = () => new WechatModel(sampleState);

  it('answers getQuota like WeChat: live quota, or the documented refusals', () => {
    const model = fresh();
    expect(quota(model, 'YTO', 'xyz')).toEqual({ kind: 'json', body: { errcode: 0, errmsg: 'ok', quota_num: 210 } });
    expect(quota(model, 'NOPE', 'xyz')).toMatchObject({ body: { errcode: 9300503 } });
    expect(quota(model, 'SF', '0210001234')).toMatchObject({ body: { errcode: 9300527 } });
    expect(quota(model, 'YTO', 'other')).toMatchObject({ body: { errcode: 9300525 } });
    expect(quota(model, 'STO', 'ST-2026-77')).toMatchObject({ body: { errcode: 9300525 } });
    expect(quota(model, 1, 'xyz')).toMatchObject({ body: { errcode: 47001 } });
  });

  it('serves the snapshot, not the live figure, in getAllAccount', () => {
    const { answer } = fresh().answer('logistics.getAllAccount', {});
    expect(answer).toMatchObject({
      kind: 'json',
      body: {
        count: 5,
        list: expect.arrayContaining([expect.objectContaining({ biz_id: 'xyz', quota_num: 260, status_code: 0 })]),
      },
    });
  });

  it('lists couriers with can_get_quota as 0 or 1', () => {
    const { answer } = fresh().answer('logistics.getAllDelivery', {});
    expect(answer).toMatchObject({
      body: {
        data: expect.arrayContaining([
          expect.objectContaining({ delivery_id: 'SF', can_get_quota: 0 }),
          expect.objectContaining({ delivery_id: 'YTO', can_get_quota: 1 }),
        ]),
      },
    });
  });

  it('applies a fault to the matching account only, for the given number of calls', () => {
    const model = fresh();
    model.addFault({ api: 'logistics.getQuota', deliveryId: 'ZTO', errcode: -1, times: 2, latencyMs: 30 });
    expect(model.answer('logistics.getQuota', { delivery_id: 'YTO', biz_id: 'xyz' })).toEqual({
      answer: expect.objectContaining({ kind: 'json' }),
      latencyMs: 0,
    });
    expect(model.answer('logistics.getQuota', { delivery_id: 'ZTO', biz_id: 'ZT10086' })).toEqual({
      answer: {
        kind: 'json',
        body: {
          errcode: -1,
          errmsg: expect.stringMatching(/^emulated error -1 rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
        },
      },
      latencyMs: 30,
    });
    expect(quota(model, 'ZTO', 'ZT10086')).toMatchObject({ body: { errcode: -1 } });
    expect(quota(model, 'ZTO', 'ZT10086')).toMatchObject({ body: { quota_num: 12 } });
    expect(model.callsTo('logistics.getQuota')).toHaveLength(4);
  });

  it('produces each transport fault', () => {
    const model = fresh();
    model.addFault({ api: 'a', drop: true });
    model.addFault({ api: 'b', garbage: true });
    model.addFault({ api: 'c', platformErrorCode: -604101 });
    expect(model.answer('a', {}).answer).toEqual({ kind: 'drop' });
    expect(model.answer('b', {}).answer).toEqual({ kind: 'garbage' });
    expect(model.answer('c', {}).answer).toEqual({ kind: 'platform-error', errorCode: -604101 });
  });

  it('changes a live balance', () => {
    const model = fresh();
    model.setQuota('YTO', 'xyz', 3);
    expect(quota(model, 'YTO', 'xyz')).toMatchObject({ body: { quota_num: 3 } });
    expect(() => model.setQuota('YTO', 'none', 1)).toThrow('no account YTO/none');
  });

  it('refuses an API it does not emulate as unauthorized', () => {
    expect(fresh().answer('logistics.addOrder', {}).answer).toMatchObject({ body: { errcode: 48001 } });
  });
});

describe('parseModelState', () => {
  it('names the bad field of a state file', () => {
    expect(() =>
      parseModelState({ couriers: [], accounts: [{ deliveryId: 'YTO', bizId: 'x' }] }, 'my-state.json'),
    ).toThrow('my-state.json is not a valid emulator state: accounts.0.quotaNum');
  });
});
