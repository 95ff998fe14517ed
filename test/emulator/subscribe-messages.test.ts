import { WechatModel } from '../../emulator/wechat-model';
import { invalidValue } from '../../emulator/subscribe-values';

const SEND = 'subscribeMessage.send';
const USER = 'oUser0000000000000000000001';
const TEMPLATE = { id: 'tmpl-low', keys: ['thing1', 'number2'] };

function model() {
  const wechat = new WechatModel({ couriers: [], accounts: [] });
  wechat.subscriptions.addTemplate(TEMPLATE);
  return wechat;
}
const send = (wechat: WechatModel, overrides: Record<string, unknown> = {}) =>
  wechat.answer(SEND, {
    touser: USER,
    template_id: TEMPLATE.id,
    page: 'pages/quota/index',
    data: { thing1: { value: '中通快递' }, number2: { value: '12' } },
    ...overrides,
  }).answer;

describe('subscribe messages as WeChat checks them', () => {
  it('allows exactly one message per acceptance, adding them up, then answers 43101', () => {
    const wechat = model();
    wechat.subscriptions.accept(USER, TEMPLATE.id);
    wechat.subscriptions.accept(USER, TEMPLATE.id);
    expect(send(wechat)).toMatchObject({ body: { errcode: 0, msgid: 1 } });
    expect(send(wechat)).toMatchObject({ body: { errcode: 0, msgid: 2 } });
    expect(send(wechat)).toMatchObject({
      body: { errcode: 43101, errmsg: expect.stringMatching(/^user refuse to accept the msg rid: /) },
    });
    expect(wechat.subscriptions.acceptancesLeft(USER, TEMPLATE.id)).toBe(0);
    expect(wechat.sentMessages).toHaveLength(2);
  });

  it('answers 40037 for a template the app does not have, 40003 for an OPENID of another app', () => {
    const wechat = model();
    wechat.subscriptions.accept(USER, TEMPLATE.id);
    expect(send(wechat, { template_id: 'unknown' })).toMatchObject({ body: { errcode: 40037 } });
    expect(send(wechat, { touser: 'oOfAnotherApp' })).toMatchObject({ body: { errcode: 40003 } });
    expect(wechat.subscriptions.acceptancesLeft(USER, TEMPLATE.id)).toBe(1);
  });

  it('answers 41030 for a page the published version lacks when the message is formal, not for a trial', () => {
    const wechat = model();
    wechat.subscriptions.accept(USER, TEMPLATE.id, 2);
    expect(send(wechat, { page: 'pages/new/index' })).toMatchObject({ body: { errcode: 41030 } });
    expect(send(wechat, { page: 'pages/new/index', miniprogram_state: 'formal' })).toMatchObject({
      body: { errcode: 41030 },
    });
    expect(send(wechat, { page: 'pages/new/index', miniprogram_state: 'trial' })).toMatchObject({
      body: { errcode: 0 },
    });
    expect(send(wechat, { page: 'pages/quota/index?from=alert' })).toMatchObject({ body: { errcode: 0 } });
  });

  it('refuses a value its key type does not allow with 47003 naming the key, and consumes nothing', () => {
    const wechat = model();
    wechat.subscriptions.accept(USER, TEMPLATE.id);
    expect(send(wechat, { data: { thing1: { value: '中通快递' }, number2: { value: '-3' } } })).toMatchObject({
      body: { errcode: 47003, errmsg: expect.stringMatching(/^argument invalid! data\.number2\.value invalid rid: /) },
    });
    expect(send(wechat, { data: { thing1: { value: ' ' }, number2: { value: '3' } } })).toMatchObject({
      body: { errcode: 47003, errmsg: expect.stringMatching(/^argument invalid! data\.thing1\.value is empty/) },
    });
    expect(send(wechat, { data: { number2: { value: '3' } } })).toMatchObject({
      body: { errcode: 47003, errmsg: expect.stringContaining('data.thing1.value is empty') },
    });
    expect(wechat.subscriptions.acceptancesLeft(USER, TEMPLATE.id)).toBe(1);
  });

  it('records each accepted message with its arrival', () => {
    const wechat = model();
    wechat.subscriptions.accept(USER, TEMPLATE.id);
    send(wechat);
    expect(wechat.subscriptions.sent).toEqual([
      expect.objectContaining({
        touser: USER,
        templateId: TEMPLATE.id,
        miniprogramState: 'formal',
        msgid: 1,
        arrivedAt: expect.any(Number),
        afterAnswer: false,
      }),
    ]);
  });
});

describe('value rules by key type', () => {
  it.each([
    ['thing1', '一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十一'],
    ['number1', '12.50', '1e3'],
    ['number2', '1'.repeat(32), '1'.repeat(33)],
    ['letter1', 'abcXYZ', 'abc1'],
    ['symbol1', '%$#', '%$#@!^'],
    ['character_string1', 'YTO-ZT10086_01', '韵达01'],
    ['time1', '15:01', '25:01'],
    ['time2', '2019年10月1日 15:01', '2019年10月1日'],
    ['time3', '2026-11-29 09:00', 'tomorrow'],
    ['date1', '2019年10月1日', '15:01'],
    ['date2', '2019年10月1日 15:01', '10月1日'],
    ['amount1', '¥100.50', '¥¥100'],
    ['amount2', '100元', '12345678901'],
    ['phone_number1', '+86-021-12345678', '1'.repeat(18)],
    ['car_number1', '粤A12345', '粤A1234567'],
    ['name1', '张三', '张三1'],
    ['name2', 'Zhang San', 'Z'.repeat(21)],
    ['phrase1', '余额不足', '余额不足了吧呀'],
    ['phrase2', '已发货', 'low'],
  ])('%s accepts %p and refuses %p', (key, valid, invalid) => {
    expect(invalidValue([key], { [key]: { value: valid } })).toBeUndefined();
    expect(invalidValue([key], { [key]: { value: invalid } })).toBe(`argument invalid! data.${key}.value invalid`);
  });
});
