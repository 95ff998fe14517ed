import sampleState from '../../emulator/sample-state.json';
import { startHttpsFace, type HttpsFace } from '../../emulator/https-server';
import { EMULATED_CREDENTIALS, WechatModel } from '../../emulator/wechat-model';

describe("the emulator's HTTPS face", () => {
  let model: WechatModel;
  let face: HttpsFace;
  let now = Date.UTC(2026, 10, 29);
  beforeEach(async () => {
    model = new WechatModel(sampleState, { now: () => now });
    face = await startHttpsFace(model);
  });
  afterEach(() => face.close());

  const post = (path: string, body: string) =>
    fetch(`${face.baseUrl}${path}`, { method: 'POST', body }).then((response) => response.json());
  const token = async () =>
    (
      (await post(
        '/cgi-bin/stable_token',
        JSON.stringify({
          grant_type: 'client_credential',
          appid: EMULATED_CREDENTIALS.appId,
          secret: EMULATED_CREDENTIALS.appSecret,
        }),
      )) as { access_token: string }
    ).access_token;

  it('hands out the same stable token until five minutes before expiry', async () => {
    const first = await token();
    expect(await token()).toBe(first);
    now += (7_200 - 299) * 1000;
    expect(await token()).not.toBe(first);
  });

  it.each([
    ['', 41001],
    ['?access_token=forged', 40001],
  ])('refuses a request with token query %j with %i', async (query, errcode) => {
    expect(await post(`/cgi-bin/express/business/quota/get${query}`, '{}')).toMatchObject({ errcode });
  });

  it('refuses an expired token with 42001', async () => {
    const issued = await token();
    now += 7_200 * 1000;
    expect(
      await post(`/cgi-bin/express/business/quota/get?access_token=${issued}`, '{"delivery_id":"YTO","biz_id":"xyz"}'),
    ).toMatchObject({ errcode: 42001 });
  });

  it('answers wrong methods, empty and malformed bodies as WeChat does', async () => {
    const issued = await token();
    const quota = `/cgi-bin/express/business/quota/get?access_token=${issued}`;
    expect(await fetch(`${face.baseUrl}${quota}`).then((r) => r.json())).toMatchObject({ errcode: 43002 });
    expect(await post(quota, '')).toMatchObject({ errcode: 44002 });
    expect(await post(quota, '{oops')).toMatchObject({ errcode: 47001 });
    expect(await post(`/cgi-bin/express/business/account/getall?access_token=${issued}`, '{}')).toMatchObject({
      errcode: 43001,
    });
    expect(await fetch(`${face.baseUrl}/cgi-bin/nothing`).then((r) => r.json())).toMatchObject({ errcode: 40066 });
  });

  it('refuses a wrong appid or secret', async () => {
    expect(
      await post(
        '/cgi-bin/stable_token',
        JSON.stringify({ grant_type: 'client_credential', appid: 'wx-other', secret: 'x' }),
      ),
    ).toMatchObject({ errcode: 40013 });
    expect(
      await post(
        '/cgi-bin/stable_token',
        JSON.stringify({ grant_type: 'client_credential', appid: EMULATED_CREDENTIALS.appId, secret: 'x' }),
      ),
    ).toMatchObject({ errcode: 40125 });
  });
  it('lists the subscribe templates as gettemplate does, each key as {{key.DATA}} in content', async () => {
    model.subscriptions.addTemplate({ id: 'T1', keys: ['thing1', 'number2'], title: '余额不足提醒' });
    const answer = await fetch(`${face.baseUrl}/wxaapi/newtmpl/gettemplate?access_token=${await token()}`).then(
      (response) => response.json(),
    );
    expect(answer).toEqual({
      errcode: 0,
      errmsg: 'ok',
      data: [
        {
          priTmplId: 'T1',
          title: '余额不足提醒',
          content: 'thing1:{{thing1.DATA}}\nnumber2:{{number2.DATA}}\n',
          example: '',
          type: 2,
        },
      ],
    });
  });

  it("answers an API's daily quota with what was used of it, 76021 for a path it does not count", async () => {
    const access = await token();
    model.apiQuotas.set('logistics.getQuota', { dailyLimit: 500, usedElsewhere: 7 });
    await post(`/cgi-bin/express/business/quota/get?access_token=${access}`, '{"delivery_id":"YTO","biz_id":"xyz"}');
    const quota = (cgiPath: string) =>
      post(`/cgi-bin/openapi/quota/get?access_token=${access}`, JSON.stringify({ cgi_path: cgiPath }));
    expect(await quota('/cgi-bin/express/business/quota/get')).toEqual({
      errcode: 0,
      errmsg: 'ok',
      quota: { daily_limit: 500, used: 8, remain: 492 },
    });
    expect(await quota('/cgi-bin/express/business/account/getall')).toMatchObject({
      quota: { daily_limit: 10_000, used: 0, remain: 10_000 },
    });
    expect(await quota('/cgi-bin/nothing')).toMatchObject({ errcode: 76021 });
  });

  it('answers tcb/databasequery for a document by its _id, each document a JSON string, and refuses others', async () => {
    const query = async (body: Record<string, unknown>) =>
      post(`/tcb/databasequery?access_token=${await token()}`, JSON.stringify(body));
    const byId = (collection: string) => `db.collection("${collection}").where({_id:"beat"}).limit(1).get()`;
    expect(await query({ env: 'prod-1', query: byId('things') })).toMatchObject({
      errcode: -502005,
      errmsg: expect.stringContaining('DATABASE_COLLECTION_NOT_EXIST'),
    });
    model.database.plant('things', [{ _id: 'beat', at: 5 }, { _id: 'other' }]);
    expect(await query({ env: 'prod-1', query: byId('things') })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      pager: { Offset: 0, Limit: 1, Total: 1 },
      data: ['{"_id":"beat","at":5}'],
    });
    expect(await query({ env: 'prod-1', query: 'db.collection("things").get()' })).toMatchObject({
      errcode: 40097,
      errmsg: expect.stringContaining('answers only db.collection("name").where({_id:"id"}).limit(n).get()'),
    });
    expect(await query({ query: byId('things') })).toMatchObject({ errcode: 40101 });
  });
});
