import sampleState from '../../src/emulator/sample-state.json';
import { startHttpsFace, type HttpsFace } from '../../src/emulator/https-server';
import { EMULATED_CREDENTIALS, WechatModel } from '../../src/emulator/wechat-model';

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
});
