import { noRobots } from '../../emulator/robots/robot-server';
import fc from 'fast-check';
import { fetchAllAccounts } from '../../src/core/accounts/all-accounts';
import { QuotaError } from '../../src/core/errors/errors';
import { ErrorCode } from '../../src/contract/errors';
import type { LogisticsApi } from '../../src/core/wechat/logistics';
import { systemClock } from '../../src/core/clock';
import { silentLogger } from '../../src/core/logger';
import { fetchQuota } from '../../src/core/wechat/single-quota';
import { createHandler } from '../../src/function/handler';
import { createHttpsClient } from '../../src/https/client';
import { envelopeSchema } from '../support/envelope-schema';
import { FakeClock } from '../../emulator/fake-clock';
import { CloudDatabase } from '../../emulator/cloud-database';
import { createInProcessDatabase } from '../../emulator/in-process-database';
import { MapBalanceHistory } from '../../emulator/map-balance-history';

const RUNS = 500;
const CODES = new Set<string>(Object.values(ErrorCode));
const TOKEN = 'FUZZ_TOKEN_abcdefghijklmnopqrstuvwxyz';

const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e300, Number.MAX_SAFE_INTEGER + 2, -0),
);
const field = fc.oneof(
  number,
  fc.string({ maxLength: 20 }),
  fc.boolean(),
  fc.constant(null),
  fc.anything({ maxDepth: 2 }),
);
const account = fc.record(
  { biz_id: field, delivery_id: field, status_code: field, alias: field, quota_num: field, quota_update_time: field },
  { requiredKeys: [] },
);
const courier = fc.record({ delivery_id: field, delivery_name: field, can_get_quota: field }, { requiredKeys: [] });
/** Answers in either casing, with plausible and implausible fields, errcodes, or anything at all. */
const answer = fc.oneof(
  fc.record({ quota_num: field, errcode: fc.oneof(fc.constant(0), field) }, { requiredKeys: [] }),
  fc.record(
    { quotaNum: field, errCode: fc.constant(0), errMsg: fc.constant('openapi.logistics.getQuota:ok') },
    { requiredKeys: ['quotaNum'] },
  ),
  fc.record(
    {
      list: fc.oneof(fc.array(account, { maxLength: 4 }), field),
      data: fc.oneof(fc.array(courier, { maxLength: 4 }), field),
    },
    { requiredKeys: [] },
  ),
  fc.anything({ maxDepth: 3 }),
);
const outcome = fc.oneof(
  { weight: 4, arbitrary: answer.map((value) => ({ answer: value })) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }).map((value) => ({ thrown: value })) },
);

function apiAnswering(outcomes: Array<{ answer?: unknown; thrown?: unknown }>): LogisticsApi {
  let next = 0;
  const respond = async () => {
    const current = outcomes[next++ % outcomes.length]!;
    if ('thrown' in current) throw current.thrown;
    return current.answer;
  };
  return { getQuota: respond, getAllAccount: respond, getAllDelivery: respond };
}

function assertQuotaShape(data: unknown): void {
  expect(envelopeSchema.safeParse({ ok: true, data }).success).toBe(true);
}

describe('arbitrary upstream answers, cloud transport, through main', () => {
  it(`always answers a classified error or a valid balance (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(outcome, { minLength: 1, maxLength: 6 }), fc.boolean(), async (outcomes, all) => {
        const clock = new FakeClock();
        const database = new CloudDatabase(clock.now);
        const main = createHandler({
          logistics: apiAnswering(outcomes),
          messaging: { sendSubscribeMessage: async () => ({}) },
          robotPost: noRobots,
          openDatabase: () => createInProcessDatabase(database, clock),
          history: new MapBalanceHistory(),
          getCaller: () => ({ source: 'wx_http' }),
          env: {},
          clock,
          log: silentLogger,
        });
        const result = await clock.run(main(all ? { all: true } : { deliveryId: 'YTO', bizId: 'xyz' }));
        expect(envelopeSchema.safeParse(result).success).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});

describe('arbitrary upstream bodies, HTTPS transport', () => {
  const body = fc.oneof(
    answer.map((value) => JSON.stringify(value) ?? ''),
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      '',
      '<html>502</html>',
      '{"quota_num":',
      'null',
      '[]',
      '{"errcode":40001}',
      '{"errcode":-1,"errmsg":"busy"}',
      '\uFEFF{"quota_num":1}',
    ),
  );
  const response = fc.record({
    status: fc.constantFrom(200, 200, 200, 404, 500, 502),
    type: fc.constantFrom('application/json', 'text/plain', 'text/html'),
    body,
  });
  /** One body every API reads as a valid answer: each run checks the shape of a success, not only of failures. */
  const VALID_BODY = JSON.stringify({
    errcode: 0,
    quota_num: 210,
    list: [{ biz_id: 'xyz', delivery_id: 'YTO', status_code: 0, alias: '', quota_num: 210 }],
    data: [{ delivery_id: 'YTO', delivery_name: '圆通速递', can_get_quota: 1 }],
  });
  const answered = [{ status: 200, type: 'application/json', body: VALID_BODY }];

  it(`never crashes, never yields NaN or text for quotaNum, never shows the token (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(response, { minLength: 1, maxLength: 6 }), fc.boolean(), async (responses, all) => {
        let next = 0;
        const fakeFetch: typeof fetch = async (input) => {
          if ((input instanceof Request ? input.url : String(input)).includes('/cgi-bin/stable_token'))
            return new Response(JSON.stringify({ access_token: TOKEN, expires_in: 7200 }));
          const current = responses[next++ % responses.length]!;
          return new Response(current.body, { status: current.status, headers: { 'content-type': current.type } });
        };
        const client = createHttpsClient({
          appId: 'wx1',
          appSecret: 'fuzz-secret-value',
          baseUrl: 'http://127.0.0.1:9',
          fetch: fakeFetch,
        });
        const context = {
          api: client.logistics,
          clock: {
            now: () => 0,
            sleep: (ms: number, signal?: AbortSignal) => systemClock.sleep(ms, signal),
            random: () => 0,
          },
          deadline: 60_000,
          log: silentLogger,
        };
        // Settled first, so that a failed shape assertion is reported as itself, not as an unexpected throw.
        const settled = await (
          all ? fetchAllAccounts(context) : fetchQuota(context, { deliveryId: 'YTO', bizId: 'xyz' })
        ).then(
          (data) => ({ ok: true as const, data }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (settled.ok) {
          assertQuotaShape(settled.data);
          return;
        }
        expect(settled.error).toBeInstanceOf(QuotaError);
        const { code, message } = settled.error as QuotaError;
        expect(CODES.has(code)).toBe(true);
        expect(message).not.toContain(TOKEN);
        expect(message).not.toContain('fuzz-secret-value');
      }),
      {
        numRuns: RUNS,
        examples: [
          [answered, false],
          [answered, true],
        ],
      },
    );
  }, 60_000);
});
