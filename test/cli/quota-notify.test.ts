import { GroupRobots } from '../../emulator/robots/group-robots';
import { localRobotPost, startRobotServer, type RobotServer } from '../../emulator/robots/robot-server';
import { ROBOTS, robotSecrets, webhookOf } from '../support/robots';
import { quota, sampleBackEnd, type SampleBackEnd } from './quota-harness';

const ALL = Object.values(ROBOTS);
const WEBHOOKS = ALL.map(webhookOf).join(',');

describe('npm run quota -- --low N --notify', () => {
  let backEnd: SampleBackEnd;
  let robots: GroupRobots;
  let server: RobotServer;
  beforeEach(async () => {
    backEnd = await sampleBackEnd();
    robots = new GroupRobots();
    for (const robot of ALL) robots.add({ ...robot, keywords: 'keywords' in robot ? [...robot.keywords] : undefined });
    server = await startRobotServer(robots);
  });
  afterEach(async () => {
    await Promise.all([backEnd.close(), server.close()]);
  });
  const run = (argv: string[], webhooks = WEBHOOKS) =>
    quota(argv, backEnd.env({ QUOTA_ALERT_WEBHOOKS: webhooks }), { robotPost: localRobotPost(server.url) });

  it('posts the digest of the low balances to every robot, and keeps the low-balance exit status', async () => {
    const result = await run(['--low', '100', '--notify']);
    expect(result.code).toBe(3);
    expect(robots.accepted().map((post) => post.kind)).toEqual(['wecom', 'feishu', 'dingtalk']);
    for (const post of robots.accepted()) {
      expect(post.text).toContain('ZT10086');
      expect(post.text).not.toContain('韵达');
    }
    expect(result.stderr).toContain(
      'quota: notify: WeCom robot qyapi.weixin.qq.com …0001: sent a digest of 1 accounts',
    );
    for (const secret of robotSecrets(ALL)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('exits 1 when a robot refused, saying why and how to fix it', async () => {
    robots.addFault({
      kind: 'dingtalk',
      reply: { status: 200, json: { errcode: 310000, errmsg: 'keywords not in content' } },
    });
    const result = await run(['--low', '100', '--notify']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DingTalk robot oapi.dingtalk.com …0001: refused (keyword 310000)');
    expect(result.reason).toContain('1 group robot did not take the digest');
  });

  it('posts nothing when nothing is low', async () => {
    const result = await run(['--low', '1', '--notify']);
    expect(result.code).toBe(0);
    expect(robots.received).toEqual([]);
  });

  it('names an entry that is not a robot address without echoing it, and still posts to the others', async () => {
    const result = await run(
      ['--low', '100', '--notify'],
      `${webhookOf(ROBOTS.wecom)},http://oapi.dingtalk.com/robot/send?access_token=leak123`,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('QUOTA_ALERT_WEBHOOKS entry 2');
    expect(result.stderr).not.toContain('leak123');
    expect(robots.accepted().map((post) => post.kind)).toEqual(['wecom']);
  });

  it('is a usage error without --low or without robots', async () => {
    expect((await run(['--notify'])).code).toBe(2);
    const unset = await quota(['--low', '5', '--notify'], backEnd.env());
    expect(unset.code).toBe(2);
    expect(unset.reason).toContain('QUOTA_ALERT_WEBHOOKS');
  });
});
