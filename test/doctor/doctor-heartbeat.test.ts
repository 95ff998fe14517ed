import { HEARTBEAT_QUERY } from '../../src/doctor/checks-heartbeat';
import { DATABASE_QUERY_API } from '../../emulator/wechat-model';
import { ALERT_COLLECTION } from '../../src/contract/values';
import { HEARTBEAT_ID } from '../../src/function/heartbeat';
import type { SampleBackEnd } from '../cli/quota-harness';
import { doctor, heartbeat, sampleBackEnd, setUpFiles } from './doctor-harness';

const UPLOAD =
  'Upload the trigger: in DevTools right-click cloudfunctions/getQuota → 上传触发器, or run npm run deploy.';

let backEnd: SampleBackEnd;
beforeEach(async () => {
  backEnd = await sampleBackEnd();
});
afterEach(() => backEnd.close());

const plant = (minutesAgo: number, changes = {}) =>
  backEnd.model.database.plant(ALERT_COLLECTION, [heartbeat(minutesAgo, changes)]);

describe("the timer's last run, from its heartbeat over tcb/databasequery", () => {
  it("is fine within twice the trigger's interval, read from CLOUD_ENV_ID unless WX_CLOUD_ENV is set", async () => {
    const run = await doctor(backEnd);
    expect(run.check('timer')).toEqual({
      id: 'timer',
      status: 'ok',
      finding: 'the timer last ran 3 minutes ago, ok: 5 accounts listed, 3 read live, 0 alerts and 0 robot posts sent',
      fix: '',
    });
    expect(run.checks.at(-1)!.id).toBe('timer');
    await doctor(backEnd, { env: { WX_CLOUD_ENV: ' test-9z8y7x ' } });
    expect(backEnd.model.callsTo(DATABASE_QUERY_API).map((call) => call.params)).toEqual([
      { env: 'prod-4g1x2y3z', query: HEARTBEAT_QUERY },
      { env: 'test-9z8y7x', query: HEARTBEAT_QUERY },
    ]);
    expect(HEARTBEAT_QUERY).toBe('db.collection("quota_alerts").where({_id:"timer-heartbeat"}).limit(1).get()');
  });

  it('is late after 20 minutes: the trigger is probably not uploaded', async () => {
    const at = Date.now();
    plant(0, { at });
    const late = (minutes: number) => doctor(backEnd, { now: () => at + minutes * 60_000 });
    expect((await late(20)).check('timer').status).toBe('ok');
    const run = await late(21);
    expect(run.check('timer')).toMatchObject({
      status: 'fail',
      finding:
        'the timer last ran 21 minutes ago in environment prod-4g1x2y3z, none in the last 20 minutes: the trigger is probably not uploaded, or was deleted',
      fix: UPLOAD,
    });
    expect(run.exit).toBe(1);
    expect((await late(3 * 60)).check('timer').finding).toMatch(/^the timer last ran 3 hours ago /);
    expect((await late(3 * 24 * 60)).check('timer').finding).toMatch(/^the timer last ran 3 days ago /);
  });

  it.each([
    [
      'the collection does not exist (-502005)',
      () => backEnd.model.database.collections.delete(ALERT_COLLECTION),
      'quota_alerts does not exist',
    ],
    [
      'the document is not there',
      () => backEnd.model.database.collections.get(ALERT_COLLECTION)!.delete(HEARTBEAT_ID),
      'quota_alerts holds no timer-heartbeat document',
    ],
    [
      'a mini-program user wrote the document',
      () => backEnd.model.database.plant(ALERT_COLLECTION, [heartbeat(1)], { openid: 'oUser' }),
      'the timer-heartbeat document in quota_alerts is not one the function wrote',
    ],
  ])('never ran when %s', async (_when, change, why) => {
    change();
    const run = await doctor(backEnd);
    expect(run.check('timer')).toMatchObject({
      status: 'fail',
      finding: `the timer never ran in environment prod-4g1x2y3z (${why}): the trigger is probably not uploaded`,
      fix: UPLOAD,
    });
  });

  it("shows the last run's failure", async () => {
    plant(4, { ok: false, failureCode: 'CONFIG_INVALID', failureMessage: 'QUOTA_ALERT_DAYS is not a number' });
    const run = await doctor(backEnd);
    expect(run.check('timer')).toMatchObject({
      status: 'fail',
      finding: 'the timer last ran 4 minutes ago and failed: CONFIG_INVALID: QUOTA_ALERT_DAYS is not a number',
      fix: expect.stringContaining('云开发控制台 → 云函数 → getQuota → 日志'),
    });
    expect(run.exit).toBe(1);
  });

  it('is skipped, with the variable to set, when no environment id is known', async () => {
    const files = setUpFiles({ 'miniprogram/config.ts': "export const CLOUD_ENV_ID = 'your-cloud-env-id';\n" });
    const run = await doctor(backEnd, { files });
    expect(run.check('timer')).toEqual({
      id: 'timer',
      status: 'skip',
      finding: expect.stringContaining('no cloud environment id'),
      fix: expect.stringContaining('Set WX_CLOUD_ENV'),
    });
    expect(backEnd.model.callsTo(DATABASE_QUERY_API)).toHaveLength(0);
  });

  it('could not be checked without credentials, or with WeChat unreachable: exit 2', async () => {
    expect((await doctor(undefined)).check('timer')).toMatchObject({
      status: 'skip',
      finding: 'not checked: needs an access token',
      unchecked: true,
    });
    backEnd.model.addFault({ api: DATABASE_QUERY_API, drop: true });
    const run = await doctor(backEnd);
    expect(run.check('timer')).toMatchObject({
      status: 'skip',
      finding: expect.stringMatching(/^tcb\/databasequery could not be read: /),
      unchecked: true,
    });
    expect(run.exit).toBe(2);
  });

  it('explains a refusal, such as cloud development not enabled (85088)', async () => {
    backEnd.model.addFault({ api: DATABASE_QUERY_API, errcode: 85088, errmsg: 'no cloud env' });
    const run = await doctor(backEnd);
    expect(run.check('timer')).toMatchObject({
      status: 'fail',
      finding: expect.stringMatching(/^tcb\/databasequery answered 85088 "no cloud env" \(rid /),
    });
  });
});
