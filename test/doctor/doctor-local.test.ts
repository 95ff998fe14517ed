import { startRobotServer, localRobotPost, type RobotServer } from '../../emulator/robots/robot-server';
import { ROBOTS, robotSecrets, webhookOf, withRobots } from '../support/robots';
import type { SampleBackEnd } from '../cli/quota-harness';
import { doctor, sampleBackEnd, setUpFiles } from './doctor-harness';

describe('the alert robots', () => {
  let backEnd: SampleBackEnd;
  let server: RobotServer;
  beforeEach(async () => {
    backEnd = await sampleBackEnd();
    server = await startRobotServer(backEnd.model.robots);
  });
  afterEach(async () => {
    await server.close();
    await backEnd.close();
  });

  it('are skipped when none is configured', async () => {
    const run = await doctor(backEnd);
    expect(run.check('robots')).toMatchObject({ status: 'skip', finding: expect.stringContaining('is not set') });
  });

  it('are listed masked and not posted to without --send-test; bad entries are named by position', async () => {
    const webhooks = `${withRobots(backEnd.model, [ROBOTS.wecom])},https://example.com/hook?key=abc`;
    const run = await doctor(backEnd, {
      env: { QUOTA_ALERT_WEBHOOKS: webhooks },
      robotPost: localRobotPost(server.url),
    });
    expect(run.check('robots')).toMatchObject({
      status: 'skip',
      finding: '1 robot configured (WeCom qyapi.weixin.qq.com …0001), not tested',
      fix: expect.stringContaining('--send-test'),
    });
    expect(run.check('robots:entry-2')).toMatchObject({
      status: 'fail',
      finding: expect.stringContaining('QUOTA_ALERT_WEBHOOKS entry 2 is on the host "example.com"'),
    });
    expect(backEnd.model.robots.received).toHaveLength(0);
  });

  it('with --send-test, post the test message to each and explain each refusal', async () => {
    const webhooks = withRobots(backEnd.model, [ROBOTS.wecom, ROBOTS.feishu]);
    backEnd.model.robots.add({ ...ROBOTS.dingtalk, keywords: ['别的关键词'] });
    const all = `${webhooks},${webhookOf(ROBOTS.dingtalk)}`;
    const run = await doctor(backEnd, {
      env: { QUOTA_ALERT_WEBHOOKS: all },
      sendTest: true,
      robotPost: localRobotPost(server.url),
    });
    const robots = run.checks.filter((check) => check.id.startsWith('robots:'));
    expect(robots.map((check) => [check.id.replace(/-\w+$/, ''), check.status])).toEqual([
      ['robots:wecom', 'ok'],
      ['robots:feishu', 'ok'],
      ['robots:dingtalk', 'fail'],
    ]);
    expect(robots[2]!.fix).toMatch(/keyword 面单余额/);
    expect(backEnd.model.robots.accepted()).toHaveLength(2);
    expect(run.exit).toBe(1);
    for (const secret of robotSecrets([ROBOTS.wecom, ROBOTS.feishu, ROBOTS.dingtalk]))
      expect(run.output).not.toContain(secret);
  });
});

describe('the local files', () => {
  const config = (change: (json: Record<string, unknown>) => void) => {
    const json = JSON.parse(setUpFiles()['config.json']!) as Record<string, unknown>;
    change(json);
    return setUpFiles({ 'config.json': JSON.stringify(json) });
  };

  it('a missing permission (-604101 at run time) and a missing trigger', async () => {
    const files = config((json) => {
      json.permissions = { openapi: ['logistics.getAllAccount', 'logistics.getQuota', 'subscribeMessage.send'] };
      delete json.triggers;
    });
    const run = await doctor(undefined, { files });
    expect(run.check('permissions')).toMatchObject({
      status: 'fail',
      finding: expect.stringContaining('does not declare it: add "logistics.getAllDelivery"'),
      fix: expect.stringContaining('-604101'),
    });
    expect(run.check('trigger')).toMatchObject({
      status: 'fail',
      finding: expect.stringContaining('no timer trigger: the alerts and the forecast'),
      fix: expect.stringContaining('上传触发器'),
    });
    expect(run.exit).toBe(1);
  });

  it('a config.json that is not JSON', async () => {
    const run = await doctor(undefined, { files: setUpFiles({ 'config.json': '{ // no comments\n}' }) });
    expect(run.check('permissions')).toMatchObject({
      status: 'fail',
      finding: expect.stringContaining('is not valid JSON'),
    });
  });

  it('the placeholders the repository ships, with the file and line to change', async () => {
    const files = setUpFiles({
      'project.config.json': '{\n  "appid": "wx0000000000000000"\n}',
      'miniprogram/config.ts': "// where\nexport const CLOUD_ENV_ID = 'your-cloud-env-id';\n",
    });
    const run = await doctor(undefined, { files });
    expect(run.check('placeholders')).toMatchObject({
      status: 'fail',
      finding: expect.stringMatching(
        /^project\.config\.json:2: appid is the placeholder .*; miniprogram\/config\.ts:2: CLOUD_ENV_ID/,
      ),
    });
  });

  it('a file that cannot be read', async () => {
    const files = setUpFiles();
    delete files['miniprogram/config.ts'];
    const run = await doctor(undefined, { files });
    expect(run.check('placeholders')).toMatchObject({ status: 'fail', finding: expect.stringContaining('ENOENT') });
  });
});
