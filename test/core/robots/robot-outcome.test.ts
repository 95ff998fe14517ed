import { FakeClock } from '../../../emulator/fake-clock';
import { parseRobotAddresses } from '../../../src/core/alerts/robots/robot-address';
import { testDigest } from '../../../src/core/alerts/robots/robot-digest';
import {
  classifyRobotAnswer,
  classifyRobotFailure,
  mayRetryRobot,
} from '../../../src/core/alerts/robots/robot-outcome';
import type { RobotPost } from '../../../src/core/alerts/robots/robot-post';
import { ROBOT_RETRY_DELAY_MS, sendToRobot } from '../../../src/core/alerts/robots/robot-send';
import { RunBudget } from '../../../src/core/run-budget';

const answer = (json: object) => JSON.stringify(json);

describe("classifying a robot's answer", () => {
  it.each([
    ['wecom', { errcode: 0, errmsg: 'ok' }, 'sent', undefined],
    ['wecom', { errcode: 93000, errmsg: 'invalid webhook url' }, 'refused', 'address'],
    ['wecom', { errcode: 45009, errmsg: 'api freq out of limit' }, 'refused', 'rate-limited'],
    ['feishu', { code: 0, msg: 'success' }, 'sent', undefined],
    ['feishu', { StatusCode: 0, StatusMessage: 'success' }, 'sent', undefined],
    ['feishu', { code: 19021, msg: 'sign match fail' }, 'refused', 'signature'],
    ['feishu', { code: 19024, msg: 'Key Words Not Found' }, 'refused', 'keyword'],
    ['feishu', { code: 11232, msg: 'frequency limited' }, 'refused', 'rate-limited'],
    ['dingtalk', { errcode: 310000, errmsg: 'keywords not in content' }, 'refused', 'keyword'],
    ['dingtalk', { errcode: 310000, errmsg: 'sign not match' }, 'refused', 'signature'],
    ['dingtalk', { errcode: 310000, errmsg: 'ip X.X.X.X not in whitelist' }, 'refused', 'ip'],
    ['dingtalk', { errcode: 130101, errmsg: 'send too fast' }, 'refused', 'blocked'],
    ['dingtalk', { errcode: 300001, errmsg: 'token is not exist' }, 'refused', 'address'],
    ['dingtalk', { errcode: 12345, errmsg: 'something new' }, 'refused', 'refused'],
  ] as const)('%s %j is %s (%s)', (kind, json, status, reason) => {
    const outcome = classifyRobotAnswer(kind, 200, answer(json), []);
    expect(outcome.status).toBe(status);
    if (reason) expect(outcome).toMatchObject({ reason, hint: expect.any(String) });
  });

  it('treats an unreadable or server-error answer as unknown (the message may be posted), a 404 as a wrong address', () => {
    expect(classifyRobotAnswer('wecom', 502, '<html>bad gateway</html>', []).status).toBe('unknown');
    expect(classifyRobotAnswer('wecom', 200, 'not json', []).status).toBe('unknown');
    expect(classifyRobotAnswer('feishu', 404, '404 page not found', [])).toMatchObject({ reason: 'address' });
  });

  it("cuts the key and the secret out of the service's words", () => {
    const outcome = classifyRobotAnswer('wecom', 200, answer({ errcode: 40001, errmsg: 'bad key SECRETKEY1 here' }), [
      'SECRETKEY1',
    ]);
    expect(JSON.stringify(outcome)).not.toContain('SECRETKEY1');
  });

  it('counts a refused connection as not posted, and a reset or timeout as unknown', () => {
    expect(classifyRobotFailure(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), [])).toMatchObject({
      status: 'refused',
      reason: 'unreachable',
    });
    expect(classifyRobotFailure(Object.assign(new Error('x'), { code: 'ECONNRESET' }), []).status).toBe('unknown');
  });

  it("retries a rate limit or an unreachable host, never DingTalk's block or a configuration refusal", () => {
    const refused = (kind: 'wecom' | 'dingtalk', json: object) => classifyRobotAnswer(kind, 200, answer(json), []);
    expect(mayRetryRobot(refused('wecom', { errcode: 45009 }))).toBe(true);
    expect(mayRetryRobot(refused('dingtalk', { errcode: 130101 }))).toBe(false);
    expect(mayRetryRobot(refused('wecom', { errcode: 93000 }))).toBe(false);
    expect(mayRetryRobot(classifyRobotAnswer('wecom', 200, 'x', []))).toBe(false);
  });
});

/** The run's time: `ms` from now, a post estimated at the first-robot estimate. */
function budgetOf(clock: FakeClock, ms: number): RunBudget {
  return new RunBudget(clock, clock.now() + ms);
}

describe('posting to one robot', () => {
  const robot = parseRobotAddresses('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1').channels[0]!;

  it('tries once more after a rate limit, after a pause, and reports the attempts', async () => {
    const clock = new FakeClock();
    const answers = [{ errcode: 45009 }, { errcode: 0 }];
    const times: number[] = [];
    const post: RobotPost = async () => {
      times.push(clock.now());
      return { status: 200, text: answer(answers.shift()!) };
    };
    const result = await clock.run(
      sendToRobot(robot, testDigest(clock.now()), { post, budget: budgetOf(clock, 2_500) }),
    );
    expect(result).toMatchObject({ status: 'sent', attempts: 2 });
    expect(times[1]! - times[0]!).toBe(ROBOT_RETRY_DELAY_MS);
  });

  it('tries at most twice', async () => {
    const clock = new FakeClock();
    let posts = 0;
    const post: RobotPost = async () => {
      posts += 1;
      return { status: 200, text: answer({ errcode: 45009 }) };
    };
    const result = await clock.run(
      sendToRobot(robot, testDigest(clock.now()), { post, budget: budgetOf(clock, 2_500) }),
    );
    expect(result).toMatchObject({ status: 'refused', reason: 'rate-limited', attempts: 2 });
    expect(posts).toBe(2);
  });

  it('does not start without time to finish', async () => {
    const clock = new FakeClock();
    const post: RobotPost = jest.fn();
    const result = await sendToRobot(robot, testDigest(clock.now()), { post, budget: budgetOf(clock, 100) });
    expect(result).toMatchObject({ status: 'deferred', attempts: 0 });
    expect(post).not.toHaveBeenCalled();
  });
});
