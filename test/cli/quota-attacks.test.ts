import type { AllAccounts } from '../../src/contract/answers';
import type { ModelStateInput } from '../../emulator/state';
import {
  ECHO_APP_ID,
  ECHO_SECRET,
  leakedFragments,
  startEchoServer,
  type EchoTarget,
} from '../support/attack/echo-server';
import { startRedirectServer } from '../support/attack/redirect-server';
import { startTamperingProxy, type TamperingProxy } from '../support/attack/tampering-proxy';
import { quota, sampleBackEnd, type SampleBackEnd } from './quota-harness';

const GET_QUOTA = 'logistics.getQuota';
const QUOTA_PATH = '/cgi-bin/express/business/quota/get';
/** Bytes that are not UTF-8 (韵达 in GBK), as a misconfigured upstream would send them. */
const GBK_YUNDA = Buffer.from([0xd4, 0xcf, 0xb4, 0xef]);

function replaceBytes(body: Buffer, text: string, bytes: Buffer): Buffer {
  const at = body.indexOf(Buffer.from(text));
  if (at === -1) throw new Error(`"${text}" is not in the answer`);
  return Buffer.concat([body.subarray(0, at), bytes, body.subarray(at + Buffer.byteLength(text))]);
}

describe('case 2: no secret or token in any output, against servers that echo what they are sent', () => {
  const single = ['--delivery-id', 'YTO', '--biz-id', 'ECHO01'];
  it.each<[EchoTarget, string[]]>([
    ['apis', []],
    ['apis', ['--json']],
    ['apis', single],
    ['apis', ['--json', ...single]],
    ['stable_token', []],
    ['stable_token', ['--json']],
    ['stable_token', single],
    ['html', []],
    ['html', ['--json', ...single]],
  ])('%s echo with options %j: stdout and stderr hold no 8 characters of either', async (target, argv) => {
    const server = await startEchoServer(target);
    try {
      const run = await quota(argv, {
        WX_APPID: ECHO_APP_ID,
        WX_APPSECRET: ECHO_SECRET,
        WX_API_BASE_URL: server.baseUrl,
      });
      expect(run.code).toBe(1);
      expect(leakedFragments(run.stdout + run.stderr)).toEqual([]);
      // The echo did reach the output, masked.
      expect(run.stdout + run.stderr).toContain('***');
    } finally {
      await server.close();
    }
  });
});

describe('case 3: redirects are not followed', () => {
  it.each([301, 302, 307, 308])(
    'HTTP %i is an error naming the target host, and nothing is sent there',
    async (status) => {
      const server = await startRedirectServer(status);
      try {
        const run = await quota(['--json'], {
          WX_APPID: 'wx1',
          WX_APPSECRET: ECHO_SECRET,
          WX_API_BASE_URL: server.baseUrl,
        });
        expect(run.code).toBe(1);
        expect(JSON.parse(run.stdout)).toMatchObject({
          ok: false,
          error: { code: 'UPSTREAM_INVALID', message: expect.stringContaining(`a redirect to ${server.trapHost}`) },
        });
        expect(run.reason).toContain(
          `answered HTTP ${status}, a redirect to ${server.trapHost}. Redirects are not followed`,
        );
        expect(server.trapped).toEqual([]);
      } finally {
        await server.close();
      }
    },
  );
});

describe('WeChat behind attack proxies', () => {
  let backEnd: SampleBackEnd;
  let proxy: TamperingProxy | undefined;
  beforeEach(async () => {
    backEnd = await sampleBackEnd();
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    await backEnd.close();
  });

  it.each(['/wechat', '/wechat/'])('case 4: keeps the gateway path prefix of WX_API_BASE_URL (%s)', async (suffix) => {
    proxy = await startTamperingProxy({ target: backEnd.face.baseUrl, pathPrefix: '/wechat' });
    const base = proxy.baseUrl.replace(/\/wechat$/, suffix);
    const run = await quota(['--delivery-id', 'YTO', '--biz-id', 'xyz'], backEnd.env({ WX_API_BASE_URL: base }));
    expect([run.code, run.stdout]).toEqual([0, expect.stringContaining('YTO / xyz: 210 waybills left')]);
    expect(proxy.refused).toEqual([]);
    expect(proxy.paths.map((path) => path.split('?')[0])).toEqual(['/cgi-bin/stable_token', QUOTA_PATH]);
  });

  describe('case 5: every HTTPS request ends by --timeout from its start, even when the answer drips', () => {
    const dripping = (prefix: string) => ({ when: (path: string) => path.startsWith(prefix), dripEveryMs: 200 });

    it('a single query: each attempt is cut off mid-answer, then the command fails in one line', async () => {
      proxy = await startTamperingProxy({ target: backEnd.face.baseUrl, rules: [dripping(QUOTA_PATH)] });
      const run = await quota(
        ['--timeout', '1000', '--delivery-id', 'YTO', '--biz-id', 'xyz'],
        backEnd.env({ WX_API_BASE_URL: proxy.baseUrl }),
      );
      expect(run.code).toBe(1);
      expect(run.reason).toMatch(
        /^quota: UPSTREAM_UNAVAILABLE: logistics\.getQuota: POST .* did not answer within 1000 ms\. Try again shortly\.$/,
      );
      expect(proxy.drips).toHaveLength(3);
      expect(proxy.drips.every((drip) => drip.sent < drip.total)).toBe(true);
    });

    it('the token request: cut off the same way', async () => {
      proxy = await startTamperingProxy({ target: backEnd.face.baseUrl, rules: [dripping('/cgi-bin/stable_token')] });
      const run = await quota(['--timeout', '1000', '--json'], backEnd.env({ WX_API_BASE_URL: proxy.baseUrl }));
      expect(JSON.parse(run.stdout)).toMatchObject({
        ok: false,
        error: { code: 'UPSTREAM_UNAVAILABLE', message: expect.stringContaining('stable_token') },
      });
      expect(proxy.drips.every((drip) => drip.sent < drip.total)).toBe(true);
    });

    it('every account: each cut off, each shown with its snapshot and the reason', async () => {
      proxy = await startTamperingProxy({ target: backEnd.face.baseUrl, rules: [dripping(QUOTA_PATH)] });
      const run = await quota(['--timeout', '1000', '--json'], backEnd.env({ WX_API_BASE_URL: proxy.baseUrl }));
      const accounts = (JSON.parse(run.stdout) as { data: AllAccounts }).data.accounts.filter(
        (account) => account.status === 'bound',
      );
      expect(accounts.map((account) => account.error?.message)).toEqual(
        Array(3).fill(expect.stringContaining('did not answer within 1000 ms')),
      );
      expect(accounts.find((account) => account.bizId === 'xyz')).toMatchObject({
        quotaNum: 260,
        quotaSource: 'snapshot',
      });
      expect(proxy.drips).toHaveLength(9);
      expect(proxy.drips.every((drip) => drip.sent < drip.total)).toBe(true);
    });
  });

  it('case 6: --low names the low balances even when another account failed; the failure sets the status', async () => {
    backEnd.model.addFault({ api: GET_QUOTA, deliveryId: 'YTO', errcode: 9300525 });
    const run = await quota(['--low', '100'], backEnd.env());
    expect(run.code).toBe(1);
    expect(run.reason).toBe(
      'quota: 1 of 4 accounts could not be read live: YTO/xyz ACCOUNT_NOT_BOUND; 1 balance under 100: ZTO/ZT10086 (12)',
    );
  });

  it('case 6: a failed account whose snapshot is low is named as such', async () => {
    backEnd.model.addFault({ api: GET_QUOTA, deliveryId: 'ZTO', errcode: 9300525 });
    const run = await quota(['--low', '100'], backEnd.env());
    expect(run.code).toBe(1);
    expect(run.reason).toBe(
      'quota: 1 of 4 accounts could not be read live: ZTO/ZT10086 ACCOUNT_NOT_BOUND; 1 balance under 100: ZTO/ZT10086 (40, snapshot)',
    );
  });

  it('case 8: failure and retry log lines carry deliveryId and bizId, so no two accounts log the same line', async () => {
    const state: ModelStateInput = {
      couriers: [{ deliveryId: 'YTO', deliveryName: '圆通速递', canGetQuota: true }],
      accounts: [
        ...Array.from({ length: 12 }, (_, index) => ({ deliveryId: 'YTO', bizId: `B${index}`, quotaNum: index })),
        { deliveryId: 'YTO', bizId: '义乌 网点', quotaNum: 1 },
      ],
    };
    const many = await sampleBackEnd(state);
    try {
      many.model.addFault({ api: GET_QUOTA, errcode: -1 });
      const run = await quota([], many.env());
      const failures = run.stderr.split('\n').filter((line) => line.includes('account quota query failed'));
      expect(failures).toHaveLength(13);
      expect(new Set(failures).size).toBe(13);
      expect(failures).toContain(
        'quota: warn: account quota query failed (deliveryId=YTO bizId=B7 code=UPSTREAM_UNAVAILABLE errCode=-1)',
      );
      expect(failures).toContain(
        'quota: warn: account quota query failed (deliveryId=YTO bizId="义乌 网点" code=UPSTREAM_UNAVAILABLE errCode=-1)',
      );
      expect(run.stderr).toContain('quota: warn: retrying open-API call (api=logistics.getQuota attempt=1 delayMs=');
      expect(run.stderr).toMatch(/retrying open-API call \(.* deliveryId=YTO bizId=B3\)/);
    } finally {
      await many.close();
    }
  });

  it.each([
    ['bizId', '/account/getall', '韵达义乌网点01', Buffer.concat([GBK_YUNDA, Buffer.from('义乌网点01')])],
    ['courier name', '/delivery/getall', '韵达快递', Buffer.concat([GBK_YUNDA, Buffer.from('快递')])],
  ])(
    'case 9: a %s that was not UTF-8 marks that account UPSTREAM_INVALID, unqueried',
    async (field, path, text, bytes) => {
      proxy = await startTamperingProxy({
        target: backEnd.face.baseUrl,
        rules: [{ when: (seen) => seen.includes(path), rewrite: (body) => replaceBytes(body, text, bytes) }],
      });
      const run = await quota(['--json'], backEnd.env({ WX_API_BASE_URL: proxy.baseUrl }));
      const accounts = (JSON.parse(run.stdout) as { data: AllAccounts }).data.accounts;
      const yunda = accounts.find((account) => account.deliveryId === 'YUNDA');
      expect(yunda?.error).toMatchObject({
        code: 'UPSTREAM_INVALID',
        message: expect.stringContaining(`the ${field} of YUNDA/`),
      });
      expect(backEnd.model.callsTo(GET_QUOTA).map((call) => call.params.delivery_id)).toEqual(['YTO', 'ZTO']);
      expect(run.code).toBe(1);
      expect(run.reason).toMatch(/could not be read live: YUNDA\/.* UPSTREAM_INVALID$/);
    },
  );
});
