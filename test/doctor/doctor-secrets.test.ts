import {
  API_QUOTA_API,
  DATABASE_QUERY_API,
  EMULATED_CREDENTIALS,
  STABLE_TOKEN_API,
  TEMPLATE_LIST_API,
} from '../../emulator/wechat-model';
import { startRobotServer, localRobotPost } from '../../emulator/robots/robot-server';
import { ROBOTS, robotSecrets, withRobots } from '../support/robots';
import { doctor, sampleBackEnd, TEMPLATE_ID } from './doctor-harness';

describe('no secret is ever printed', () => {
  it('in text or JSON, with a WeChat that echoes the secret and the token back in every refusal', async () => {
    const backEnd = await sampleBackEnd();
    const server = await startRobotServer(backEnd.model.robots);
    try {
      const webhooks = withRobots(backEnd.model, [ROBOTS.wecom, ROBOTS.feishu, ROBOTS.dingtalk]);
      backEnd.model.robots.addFault({
        kind: 'wecom',
        reply: { status: 200, json: { errcode: 93000, errmsg: `invalid webhook url ${ROBOTS.wecom.key}` } },
      });
      // The token is issued first, so that the refusals can quote it.
      const token = backEnd.model.tokens.stableToken({
        grant_type: 'client_credential',
        appid: EMULATED_CREDENTIALS.appId,
        secret: EMULATED_CREDENTIALS.appSecret,
      }).access_token as string;
      const echo = `secret ${EMULATED_CREDENTIALS.appSecret} token ${token} access_token=${token}`;
      backEnd.model.subscriptions.addTemplate({ id: TEMPLATE_ID, keys: ['thing1', 'number2', 'thing3'] });
      for (const api of ['logistics.getQuota', TEMPLATE_LIST_API, API_QUOTA_API, DATABASE_QUERY_API])
        backEnd.model.addFault({ api, errcode: 47001, errmsg: echo });
      const env = { QUOTA_ALERT_TEMPLATE_ID: TEMPLATE_ID, QUOTA_ALERT_WEBHOOKS: webhooks };
      for (const json of [false, true]) {
        const run = await doctor(backEnd, { env, json, sendTest: true, robotPost: localRobotPost(server.url) });
        expect(run.checks.find((check) => check.id === 'quota:YTO/xyz')?.finding).toContain(
          '"secret *** token *** access_token=***"',
        );
        expect(run.checks.filter((check) => check.finding.includes('***')).map((check) => check.id)).toEqual([
          'quota:YTO/xyz',
          'quota:ZTO/ZT10086',
          'quota:YUNDA/韵达义乌网点01',
          'template',
          'api-quota',
          'timer',
        ]);
        for (const secret of [EMULATED_CREDENTIALS.appSecret, token, ...robotSecrets(Object.values(ROBOTS))])
          expect(run.output).not.toContain(secret);
      }
    } finally {
      await server.close();
      await backEnd.close();
    }
  });

  it('when the secret is wrong, or the token refused', async () => {
    const backEnd = await sampleBackEnd();
    try {
      const secret = 'wrong-secret-but-still-a-secret-42';
      const wrong = await doctor(backEnd, { env: { WX_APPSECRET: secret } });
      expect(wrong.output).not.toContain(secret);
      backEnd.model.addFault({
        api: STABLE_TOKEN_API,
        errcode: 40164,
        errmsg: `invalid ip 1.2.3.4 secret=${EMULATED_CREDENTIALS.appSecret}`,
      });
      const refused = await doctor(backEnd, { json: true });
      expect(refused.output).not.toContain(EMULATED_CREDENTIALS.appSecret);
      expect(JSON.parse(refused.output)).toMatchObject({ ok: false, exit: 1 });
    } finally {
      await backEnd.close();
    }
  });
});
