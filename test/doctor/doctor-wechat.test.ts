import sampleState from '../../emulator/sample-state.json';
import { courierRefusal } from '../../emulator/wechat-answers';
import { STABLE_TOKEN_API, TEMPLATE_LIST_API, API_QUOTA_API } from '../../emulator/wechat-model';
import type { SampleBackEnd } from '../cli/quota-harness';
import { doctor, sampleBackEnd, setUpFiles, TEMPLATE_ID } from './doctor-harness';

let backEnd: SampleBackEnd;

beforeEach(async () => {
  backEnd = await sampleBackEnd();
  backEnd.model.subscriptions.addTemplate({ id: TEMPLATE_ID, keys: ['thing1', 'number2', 'thing3'] });
});
afterEach(() => backEnd.close());

const withTemplate = { env: { QUOTA_ALERT_TEMPLATE_ID: TEMPLATE_ID } };

describe('npm run doctor against WeChat (the emulator over HTTPS)', () => {
  it('passes a good setup, in order, exit 0', async () => {
    backEnd.model.addFault({ api: 'logistics.getAllAccount', body: goodAccountsOnly() });
    const run = await doctor(backEnd, withTemplate);
    expect(run.checks.map((check) => [check.id, check.status])).toEqual([
      ['credentials', 'ok'],
      ['logistics', 'ok'],
      ['accounts', 'ok'],
      ['quota', 'ok'],
      ['template', 'ok'],
      ['api-quota', 'ok'],
      ['robots', 'skip'],
      ['permissions', 'ok'],
      ['trigger', 'ok'],
      ['placeholders', 'ok'],
      ['timer', 'ok'],
    ]);
    expect(run.exit).toBe(0);
    expect(run.output).toMatch(/\ndoctor: all good\.\n$/);
    expect(run.check('quota').finding).toBe(
      'quota/get answers for 2 of 2 bound accounts: YTO/xyz 210, YUNDA/韵达义乌网点01 1530',
    );
  });

  it('lists review states, couriers billed per parcel, and queries each bound account once', async () => {
    const run = await doctor(backEnd, withTemplate);
    expect(run.check('accounts').finding).toBe(
      '5 accounts in getAllAccount; 3 bound with a waybill quota; 1 billed per parcel, nothing to query (顺丰速运 0210001234)',
    );
    expect(run.check('account:STO/ST-2026-77')).toMatchObject({
      status: 'skip',
      finding: expect.stringContaining('under review'),
    });
    expect(backEnd.model.callsTo('logistics.getQuota').map((call) => call.params.biz_id)).toEqual([
      'xyz',
      'ZT10086',
      '韵达义乌网点01',
    ]);
    expect(run.exit).toBe(0);
  });

  it("says what status_code 2 and 3 mean, with the courier's remark_wrong_msg", async () => {
    backEnd.model.addFault({
      api: 'logistics.getAllAccount',
      body: accounts([
        { delivery_id: 'YTO', biz_id: 'xyz', status_code: 2, remark_wrong_msg: '客户编码与网点不匹配' },
        { delivery_id: 'ZTO', biz_id: 'ZT10086', status_code: 3 },
      ]),
    });
    const run = await doctor(backEnd);
    expect(run.check('account:YTO/xyz')).toMatchObject({
      status: 'fail',
      finding: 'binding refused by the courier (status_code 2): 客户编码与网点不匹配',
    });
    expect(run.check('account:ZTO/ZT10086').status).toBe('skip');
    expect(run.check('accounts')).toMatchObject({
      status: 'fail',
      finding: expect.stringContaining('no account to watch'),
    });
    expect(run.exit).toBe(1);
  });

  describe('credentials', () => {
    it.each([
      [40013, { WX_APPID: 'wx0000000000000bad' }, /WX_APPID to the mini-program's AppID/],
      [40125, { WX_APPSECRET: 'not-the-secret-000000' }, /WX_APPSECRET to the AppSecret/],
    ])('%i: names the variable to fix and stops the checks that need a token', async (code, env, fix) => {
      const run = await doctor(backEnd, { env });
      expect(run.check('credentials')).toMatchObject({
        status: 'fail',
        finding: expect.stringContaining(`answered ${code}`),
        fix: expect.stringMatching(fix),
      });
      for (const id of ['logistics', 'accounts', 'api-quota']) expect(run.check(id).status).toBe('skip');
      expect(run.exit).toBe(1);
    });

    it.each([
      [40164, 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist', '203.0.113.7'],
      [61004, 'access clientip is not registered requestIP: 198.51.100.4', '198.51.100.4'],
    ])('%i: names the IP WeChat saw, to whitelist', async (errcode, errmsg, ip) => {
      backEnd.model.addFault({ api: STABLE_TOKEN_API, errcode, errmsg });
      const run = await doctor(backEnd);
      expect(run.check('credentials')).toMatchObject({
        status: 'fail',
        finding: expect.stringMatching(new RegExp(`^stable_token answered ${errcode} ".*" \\(rid [\\w-]+: `)),
        fix: expect.stringContaining(`Add ${ip}, the address WeChat saw, to the IP whitelist`),
      });
    });

    it('without credentials checks what it can locally, exit 2', async () => {
      const run = await doctor(undefined);
      expect(run.check('credentials')).toMatchObject({
        status: 'skip',
        finding: expect.stringContaining('WX_APPID and WX_APPSECRET are not set'),
      });
      expect(run.check('permissions').status).toBe('ok');
      expect(run.exit).toBe(2);
      expect(run.output).toMatch(/could not be checked\.\n$/);
    });

    it('with WeChat unreachable, exit 2', async () => {
      const env = backEnd.env();
      await backEnd.close();
      const run = await doctor(undefined, { env });
      expect(run.check('credentials')).toMatchObject({
        status: 'skip',
        finding: expect.stringContaining('ECONNREFUSED'),
      });
      expect(run.exit).toBe(2);
    });

    it('with WeChat busy (-1), exit 2: not a setup to fix', async () => {
      backEnd.model.addFault({ api: STABLE_TOKEN_API, errcode: -1, errmsg: 'system error' });
      const run = await doctor(backEnd);
      expect(run.check('credentials').status).toBe('skip');
      expect(run.exit).toBe(2);
    });
  });

  it('48001 on getAllDelivery: the Logistics Assistant is not enabled, or the app not verified', async () => {
    backEnd.model.addFault({ api: 'logistics.getAllDelivery', errcode: 48001, errmsg: 'api unauthorized' });
    const run = await doctor(backEnd);
    expect(run.check('logistics')).toMatchObject({
      status: 'fail',
      finding: expect.stringContaining('not enabled, or the mini-program is not verified (认证)'),
      fix: expect.stringContaining('物流助手'),
    });
    expect(run.check('accounts').status).toBe('skip');
  });

  it.each([
    ['an HTML page', { garbage: true }],
    ['HTTP 502 without JSON', { platformErrorCode: -1 }],
    ['no answer', { drop: true }],
  ])('getAllDelivery answering %s could not be checked, exit 2', async (_what, fault) => {
    backEnd.model.addFault({ api: 'logistics.getAllDelivery', ...fault });
    const run = await doctor(backEnd);
    expect(run.check('logistics')).toMatchObject({
      status: 'skip',
      finding: expect.stringMatching(/^getAllDelivery could not be read: /),
    });
    expect(run.exit).toBe(2);
  });

  it('a token WeChat no longer accepts (40001) is fetched again once, as the HTTPS client does', async () => {
    backEnd.model.addFault({ api: 'logistics.getAllDelivery', errcode: 40001, errmsg: 'invalid credential', times: 1 });
    const run = await doctor(backEnd);
    expect(run.check('logistics').status).toBe('ok');
    expect(backEnd.model.callsTo('logistics.getAllDelivery')).toHaveLength(2);
  });

  it('45009 on getAllAccount: the daily quota is spent, a finding', async () => {
    backEnd.model.addFault({
      api: 'logistics.getAllAccount',
      errcode: 45009,
      errmsg: 'reach max api daily quota limit',
    });
    const run = await doctor(backEnd);
    expect(run.check('accounts')).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('wait until tomorrow'),
    });
    expect(run.check('api-quota').finding).toContain('(the accounts could not be listed)');
  });

  it('48001 on getAllAccount: it needs a verified mini-program', async () => {
    backEnd.model.addFault({ api: 'logistics.getAllAccount', errcode: 48001, errmsg: 'api unauthorized' });
    const run = await doctor(backEnd);
    expect(run.check('accounts')).toMatchObject({
      status: 'fail',
      finding: expect.stringContaining('verified (认证)'),
    });
  });

  describe('quota/get refusals, each explained with its rid', () => {
    it.each([
      [9300503, 'delivery_id not registered', /getAllAccount's delivery_id/],
      [9300525, 'bizid not bind', /\\u escapes/],
      [9300527, 'delivery does not support quota', /bills per parcel/],
      [9300531, 'invalid biz_id or password', /customer code or its password/],
      [9300532, 'bind is under review', /still reviewing/],
      [9300513, 'quota not enough', /Recharge it with the courier/],
      [45009, 'reach max api daily quota limit', /daily quota of this API is used up/],
      [9300520, 'invalid delivery id', /not a valid courier/],
      [9300526, 'arg size exceed limit', /too long/],
      [9300507, 'Token is invalid', /Re-bind the account/],
      [47001, 'data format error', /could not read the request data/],
      [9909001, 'some undocumented error', /see its message/],
    ])('%i', async (errcode, errmsg, fix) => {
      backEnd.model.addFault({ api: 'logistics.getQuota', bizId: 'xyz', errcode, errmsg });
      const run = await doctor(backEnd);
      const check = run.check('quota:YTO/xyz');
      expect(check.status).toBe('fail');
      expect(check.finding).toMatch(
        new RegExp(
          `^quota/get answered ${errcode} "${errmsg}" \\(rid [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}: give it to WeChat's diagnosis tool`,
        ),
      );
      expect(check.fix).toMatch(fix);
      expect(run.check('quota').finding).toMatch(/^quota\/get answers for 2 of 3 bound accounts/);
      expect(run.exit).toBe(1);
    });

    it("9300501 keeps the courier's own reason", async () => {
      backEnd.model.addFault({
        api: 'logistics.getQuota',
        bizId: 'xyz',
        ...courierRefusal(10001, '客户编码或者月结账户不存在'),
      });
      const run = await doctor(backEnd);
      expect(run.check('quota:YTO/xyz')).toMatchObject({
        finding: expect.stringContaining('the courier said 10001: 客户编码或者月结账户不存在'),
        fix: expect.stringMatching(/courier's system rejected/),
      });
    });

    it.each([
      [9300502, 'delivery system error'],
      [9300509, 'retry too fast'],
      [9300537, 'frequency limit'],
      [45011, 'api minute-quota reach limit'],
      [-1, 'system error'],
    ])('%i is a moment on WeChat’s side: could not be checked, exit 2', async (errcode, errmsg) => {
      backEnd.model.addFault({ api: 'logistics.getQuota', bizId: 'xyz', errcode, errmsg });
      const run = await doctor(backEnd);
      expect(run.check('quota:YTO/xyz')).toMatchObject({
        status: 'skip',
        finding: expect.stringContaining(`quota/get answered ${errcode}`),
      });
      expect(run.exit).toBe(2);
    });

    it('a quota/get that times out could not be checked', async () => {
      backEnd.model.addFault({ api: 'logistics.getQuota', bizId: 'xyz', drop: true });
      const run = await doctor(backEnd);
      expect(run.check('quota:YTO/xyz').status).toBe('skip');
      expect(run.exit).toBe(2);
    });
  });

  describe('the subscribe template', () => {
    it('is skipped when alerts are off', async () => {
      const run = await doctor(backEnd);
      expect(run.check('template')).toMatchObject({
        status: 'skip',
        finding: expect.stringContaining('alerts are off'),
      });
    });

    it('must be among the app’s templates (else every send answers 40037)', async () => {
      const run = await doctor(backEnd, { env: { QUOTA_ALERT_TEMPLATE_ID: 'not-mine' } });
      expect(run.check('template')).toMatchObject({
        status: 'fail',
        finding: `QUOTA_ALERT_TEMPLATE_ID not-mine is not among the app's 1 subscribe-message templates: ${TEMPLATE_ID} (余额不足提醒)`,
        fix: expect.stringContaining('40037'),
      });
    });

    it('must have every key QUOTA_ALERT_DATA fills, and none left empty (47003)', async () => {
      backEnd.model.subscriptions.addTemplate({ id: 'T2', keys: ['thing1', 'time4'], title: '库存预警' });
      const run = await doctor(backEnd, { env: { QUOTA_ALERT_TEMPLATE_ID: 'T2' } });
      expect(run.check('template')).toMatchObject({
        status: 'fail',
        finding:
          'template T2 (库存预警) has thing1, time4; QUOTA_ALERT_DATA fills number2, thing3, which it does not have; QUOTA_ALERT_DATA leaves time4 empty: every send would answer 47003',
      });
    });

    it('refuses a text its key type cannot take, as the function does, even without credentials', async () => {
      const env = { QUOTA_ALERT_TEMPLATE_ID: TEMPLATE_ID, QUOTA_ALERT_DATA: '{"number2":"{summary}"}' };
      const run = await doctor(undefined, { env });
      expect(run.check('template')).toMatchObject({
        status: 'fail',
        finding: expect.stringMatching(
          /^The function's environment variable QUOTA_ALERT_DATA maps number2 to "\{summary\}", which can produce ".*", but a number key takes/,
        ),
      });
    });

    it('a refused gettemplate is explained', async () => {
      backEnd.model.addFault({ api: TEMPLATE_LIST_API, errcode: 48001, errmsg: 'api unauthorized' });
      const run = await doctor(backEnd, withTemplate);
      expect(run.check('template')).toMatchObject({
        status: 'fail',
        finding: expect.stringContaining('gettemplate answered 48001'),
      });
    });
  });

  describe('the daily API quota', () => {
    it('says when it is used up', async () => {
      backEnd.model.apiQuotas.set('logistics.getQuota', { dailyLimit: 1000, usedElsewhere: 1000 });
      const run = await doctor(backEnd);
      expect(run.check('api-quota')).toMatchObject({
        status: 'fail',
        finding: expect.stringContaining('the daily quota of quota/get is used up (calls answer 45009)'),
      });
    });

    it("says when the timer's cadence times the accounts does not fit", async () => {
      backEnd.model.apiQuotas.set('logistics.getQuota', { dailyLimit: 50 });
      const run = await doctor(backEnd);
      expect(run.check('api-quota')).toMatchObject({
        status: 'fail',
        finding: expect.stringContaining(
          'the timer (144 runs a day, 3 accounts) needs about 87 quota/get and 144 getAllAccount a day, more than the limit',
        ),
        fix: expect.stringContaining('0 3 * * * * *'),
      });
    });

    it('takes the cadence from config.json', async () => {
      const config = JSON.parse(setUpFiles()['config.json']!) as { triggers: Array<{ config: string }> };
      config.triggers[0]!.config = '0 0 * * * * *';
      const run = await doctor(backEnd, { files: setUpFiles({ 'config.json': JSON.stringify(config) }) });
      expect(run.check('api-quota').finding).toContain(
        'the timer (24 runs a day, 3 accounts) needs about 72 quota/get',
      );
    });

    it('a refused look-up is explained', async () => {
      backEnd.model.addFault({
        api: API_QUOTA_API,
        errcode: 76022,
        errmsg: 'could not use this cgi_path, no permission',
      });
      const run = await doctor(backEnd);
      expect(run.check('api-quota')).toMatchObject({
        status: 'fail',
        finding: expect.stringContaining('answered 76022'),
      });
    });
  });
});

type Row = { delivery_id: string; biz_id: string; status_code: number; remark_wrong_msg?: string };

function accounts(rows: Row[]) {
  return {
    errcode: 0,
    errmsg: 'ok',
    count: rows.length,
    list: rows.map((row) => ({ alias: '', remark_wrong_msg: '', quota_num: 0, quota_update_time: 0, ...row })),
  };
}

/** The sample's accounts of quota couriers that are bound, but ZTO: so that no check has anything to say. */
function goodAccountsOnly() {
  return accounts(
    sampleState.accounts
      .filter((account) => account.deliveryId === 'YTO' || account.deliveryId === 'YUNDA')
      .map((account) => ({ delivery_id: account.deliveryId, biz_id: account.bizId, status_code: 0 })),
  );
}
