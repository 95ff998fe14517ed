import fc from 'fast-check';
import { fetchAllAccounts } from '../../src/core/accounts/all-accounts';
import type { AllAccounts } from '../../src/contract/answers';
import { failure, success } from '../../src/core/errors/envelope';
import type { Envelope } from '../../src/contract/errors';
import type { Emulator } from '../../emulator/emulator';
import { callers } from '../../emulator/runtime';
import type { Fault } from '../../emulator/wechat-model';
import { toQuotaError } from '../../src/core/errors/to-quota-error';
import { ADMIN, startSampleEmulator } from '../e2e/emulator-harness';
import { httpsHarness, type HttpsHarness } from '../https/https-harness';
import { envelopeSchema } from '../support/envelope-schema';

/** Runs per transport: the cloud path runs the built bundle with the real SDK, so it costs more per run. */
const CLOUD_RUNS = 120;
const HTTPS_RUNS = 250;

type Row = Record<string, unknown>;

/** Values that are neither what WeChat documents nor absurd: what a JSON body can carry. */
const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 10 }),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.constantFrom('a', 'b_c', 'value'), fc.integer(), { maxKeys: 2 }),
);
// Mostly plausible, so that most rows reach the live query; the rest is anything.
const deliveryId = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('YTO', 'ZTO', 'STO', 'YUNDA', 'BEST', 'SF', 'JDL', 'NEWCO', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: junk },
);
const bizId = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom('xyz', 'ZT10086', '韵达义乌网点01', 'ST-2026-77', '0210001234', 'x', ' padded ', '🚚'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: junk },
);
const statusCode = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, -1, 1.5, '0') },
  { weight: 1, arbitrary: junk },
);
/** Balances as real clients have seen them: numbers, decimal strings, 20-digit numbers json-bigint makes objects of. */
const balance = fc.oneof(
  fc.nat(),
  fc.constantFrom('210', '-3', '2.5', ' 7', -3, 2.5, 12345678901234567000, 2 ** 53, 1e300, '99999999999999999'),
  junk,
);
const updateTime = fc.oneof(
  fc.constantFrom(1764288000, 1764288000000, 9e12, 8.64e15, -1, 0, 1e300, 1.5),
  fc.integer(),
  junk,
);
const row: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record(
      {
        biz_id: bizId,
        delivery_id: deliveryId,
        status_code: statusCode,
        alias: fc.oneof(fc.string({ maxLength: 8 }), junk),
        quota_num: balance,
        quota_update_time: updateTime,
        service_type: junk,
      },
      { requiredKeys: ['biz_id', 'delivery_id', 'status_code'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      { biz_id: bizId, delivery_id: deliveryId, status_code: statusCode, quota_num: balance },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: junk },
);
/** Rows, some of them repeated, as getAllAccount has been seen to list an account twice. */
const rows = fc
  .tuple(fc.array(row, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 3 }))
  .map(([listed, repeats]) =>
    listed.length === 0 ? listed : [...listed, ...repeats.map((index) => listed[index % listed.length])],
  );
const courier = fc.record(
  {
    delivery_id: deliveryId,
    delivery_name: fc.oneof(fc.string({ maxLength: 6 }), junk),
    can_get_quota: fc.oneof(fc.constantFrom(0, 1, true, false, '1'), junk),
  },
  { requiredKeys: [] },
);
/** What getQuota answers for one courier: a balance, or a refusal with odd codes and the courier's reason. */
const quotaAnswer = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      errcode: fc.constant(0),
      quota_num: fc.oneof({ weight: 3, arbitrary: fc.nat() }, { weight: 1, arbitrary: balance }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        errcode: fc.constantFrom(9300501, 9909001, 930563, '0', '9300525', 'abc', 1.5, true, 45011, 48001),
        errmsg: fc.oneof(fc.constant('system error rid: 6650a1b2-3c4d'), fc.string({ maxLength: 300 })),
        delivery_resultcode: fc.oneof(fc.constantFrom(10001, -1, '20008'), junk),
        delivery_resultmsg: fc.oneof(fc.constant('客户编码或者月结账户不存在'), junk),
      },
      { requiredKeys: ['errcode'] },
    ),
  },
);
const scenario = fc.record({
  rows,
  couriers: fc.option(fc.array(courier, { maxLength: 5 }), { freq: 3 }),
  quotaAnswers: fc.dictionary(fc.constantFrom('YTO', 'ZTO', 'YUNDA', 'STO', 'BEST'), quotaAnswer, {
    minKeys: 2,
    maxKeys: 5,
  }),
});
type Scenario = { rows: unknown[]; couriers: unknown[] | null; quotaAnswers: Record<string, unknown> };

/** The faults that make the model answer with the scenario's rows, couriers and live answers. */
function faultsOf(candidate: Scenario): Fault[] {
  const faults: Fault[] = [
    {
      api: 'logistics.getAllAccount',
      body: { errcode: 0, errmsg: 'ok', count: candidate.rows.length, list: candidate.rows },
    },
  ];
  if (candidate.couriers)
    faults.push({
      api: 'logistics.getAllDelivery',
      body: { errcode: 0, errmsg: 'ok', count: candidate.couriers.length, data: candidate.couriers },
    });
  for (const [id, body] of Object.entries(candidate.quotaAnswers))
    faults.push({ api: 'logistics.getQuota', deliveryId: id, body: body as Row });
  return faults;
}

/** How many entries the answer must have: one per (deliveryId, bizId), and one per row without both. */
function expectedEntries(listed: unknown[]): number {
  const onWire = JSON.parse(JSON.stringify(listed)) as unknown[];
  const keys = new Set<string>();
  let unmatched = 0;
  for (const entry of onWire) {
    const record = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Row) : {};
    const ids = [record.delivery_id, record.biz_id];
    if (ids.every((id) => typeof id === 'string' && id !== '')) keys.add(JSON.stringify(ids));
    else unmatched += 1;
  }
  return keys.size + unmatched;
}

const stats = { rows: 0, live: 0, rowErrors: 0, liveErrors: 0, codes: new Map<string, number>() };

/** Every outcome is a valid envelope of the list: no account lost, none twice, no INTERNAL anywhere. */
function assertAnswered(envelope: Envelope<AllAccounts>, candidate: Scenario): void {
  const parsed = envelopeSchema.safeParse(envelope);
  if (!parsed.success) throw new Error(`not a valid envelope: ${JSON.stringify(envelope).slice(0, 500)}`);
  if (!envelope.ok) throw new Error(`the whole call failed for malformed rows: ${JSON.stringify(envelope.error)}`);
  const { accounts, unsupported } = envelope.data;
  expect(accounts.length + unsupported.length).toBe(expectedEntries(candidate.rows));
  stats.rows += candidate.rows.length;
  for (const account of accounts) {
    if (account.quotaSource === 'live') stats.live += 1;
    if (!account.error) continue;
    expect(account.error.code).not.toBe('INTERNAL');
    stats.codes.set(account.error.code, (stats.codes.get(account.error.code) ?? 0) + 1);
    if (account.status === 'bound' || account.statusCode === -1)
      stats[account.error.message.startsWith('WeChat described') ? 'rowErrors' : 'liveErrors'] += 1;
  }
}

describe('arbitrary getAllAccount rows through { "all": true }', () => {
  afterAll(() => {
    const codes = [...stats.codes].map(([code, count]) => `${code} ${count}`).join(', ');
    process.stdout.write(
      `fuzz-rows: ${stats.rows} rows in ${CLOUD_RUNS + HTTPS_RUNS} answers; ${stats.live} live balances; ` +
        `${stats.rowErrors} malformed rows and ${stats.liveErrors} failed live queries kept on their accounts ` +
        `(${codes}); whole-call failures 0, INTERNAL 0\n`,
    );
  });

  describe('on the cloud path: the built bundle, the real SDK, the emulator', () => {
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startSampleEmulator();
    });
    afterAll(async () => {
      expect(emulator.instance.unhandledRejections).toEqual([]);
      await emulator.close();
    });

    it(`answers every account of ${CLOUD_RUNS} arbitrary lists, each on its own row`, async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (candidate) => {
          emulator.model.clearFaults();
          faultsOf(candidate).forEach((fault) => emulator.model.addFault(fault));
          assertAnswered(
            (await emulator.invoke({ all: true }, callers.user(ADMIN))) as Envelope<AllAccounts>,
            candidate,
          );
        }),
        { numRuns: CLOUD_RUNS },
      );
    }, 120_000);
  });

  describe("on the HTTPS path: the HTTPS client against the emulator's WeChat face", () => {
    let harness: HttpsHarness;
    beforeAll(async () => {
      harness = await httpsHarness();
    });
    afterAll(() => harness.close());

    it(`answers every account of ${HTTPS_RUNS} arbitrary lists, each on its own row`, async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (candidate) => {
          harness.model.clearFaults();
          faultsOf(candidate).forEach((fault) => harness.model.addFault(fault));
          const envelope = await fetchAllAccounts(harness.context()).then(
            (data) => success(data),
            (error: unknown) => failure<AllAccounts>(toQuotaError(error)),
          );
          assertAnswered(envelope, candidate);
        }),
        { numRuns: HTTPS_RUNS },
      );
    }, 120_000);
  });
});
