import type { AccountQuota, AllAccounts, UnsupportedAccount, SingleQuota } from '../../src/contract/answers';
import type { Envelope, WireError } from '../../src/contract/errors';
import sampleState from '../../emulator/sample-state.json';
import { WechatModel, type Fault } from '../../emulator/wechat-model';

/**
 * Answers WeChat really gives (as public reports and WeChat's documentation show them),
 * as faults of the model, so that the same scenario runs on the cloud path (the built bundle with the
 * real SDK) and on the HTTPS path, and must end the same way on both.
 */
export interface RealAnswerScenario {
  name: string;
  faults: Fault[];
  event: { all: true } | { deliveryId: string; bizId: string };
  check(envelope: Envelope<SingleQuota | AllAccounts>): void;
}

type Row = Record<string, unknown>;

const GET_QUOTA = 'logistics.getQuota';
export const RID = 'rid: 6650a1b2-3c4d5e6f-7a8b9c0d';

/** getAllAccount's rows for the sample state, in WeChat's snake_case. */
function sampleRows(): Row[] {
  const answer = new WechatModel(sampleState).answer('logistics.getAllAccount', {}).answer;
  if (answer.kind !== 'json') throw new Error('the model did not list the sample accounts');
  return answer.body.list as Row[];
}

/** A getAllAccount answer whose rows are the sample's, edited. */
export function accountListFault(edit: (rows: Row[]) => Row[]): Fault {
  const list = edit(sampleRows());
  return { api: 'logistics.getAllAccount', body: { errcode: 0, errmsg: 'ok', count: list.length, list } };
}

const editRow = (bizId: string, fields: Row) => (row: Row) => (row.biz_id === bizId ? { ...row, ...fields } : row);

export function accountsOf(envelope: Envelope<SingleQuota | AllAccounts>): AccountQuota[] {
  if (!envelope.ok || !('accounts' in envelope.data))
    throw new Error(`expected the account list, got ${JSON.stringify(envelope)}`);
  return envelope.data.accounts;
}

export function unsupportedOf(envelope: Envelope<SingleQuota | AllAccounts>): UnsupportedAccount[] {
  if (!envelope.ok || !('unsupported' in envelope.data))
    throw new Error(`expected the account list, got ${JSON.stringify(envelope)}`);
  return envelope.data.unsupported;
}

const account = (envelope: Envelope<SingleQuota | AllAccounts>, bizId: string) =>
  accountsOf(envelope).filter((candidate) => candidate.bizId === bizId);

function errorOf(envelope: Envelope<SingleQuota | AllAccounts>): WireError {
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope)}`);
  return envelope.error;
}

const COURIER_REFUSAL = {
  errcode: 9300501,
  errmsg: `delivery logic fail ${RID}`,
  delivery_resultcode: 10001,
  delivery_resultmsg: '客户编码或者月结账户不存在',
};

export const REAL_ANSWER_SCENARIOS: RealAnswerScenario[] = [
  {
    name: '1. snapshot times in milliseconds or out of range, with the live queries failing, keep the list',
    faults: [
      accountListFault((rows) =>
        rows
          .map(editRow('ZT10086', { quota_update_time: 1764288000000 }))
          .map(editRow('xyz', { quota_update_time: 9e12 })),
      ),
      { api: GET_QUOTA, deliveryId: 'ZTO', errcode: 45011, errmsg: `api minute-quota reach limit ${RID}` },
      { api: GET_QUOTA, deliveryId: 'YTO', errcode: 45011, errmsg: `api minute-quota reach limit ${RID}` },
    ],
    event: { all: true },
    check: (envelope) => {
      expect(account(envelope, 'ZT10086')).toEqual([
        expect.objectContaining({
          quotaNum: 40,
          quotaSource: 'snapshot',
          quotaUpdatedAt: '2025-11-28T00:00:00.000Z',
          error: expect.objectContaining({ code: 'RATE_LIMITED' }),
        }),
      ]);
      expect(account(envelope, 'xyz')).toEqual([
        expect.objectContaining({
          quotaNum: 260,
          quotaSource: 'snapshot',
          quotaUpdatedAt: null,
          error: expect.objectContaining({ code: 'RATE_LIMITED' }),
        }),
      ]);
      expect(account(envelope, '韵达义乌网点01')).toEqual([
        expect.objectContaining({ quotaNum: 1530, quotaSource: 'live' }),
      ]);
    },
  },
  {
    name: '2. malformed rows (a 20-digit snapshot, status_code 1.5, no biz_id) stay on their rows; the others are answered',
    faults: [
      accountListFault((rows) => [
        ...rows.map(editRow('xyz', { quota_num: 12345678901234567000 })).map(editRow('ZT10086', { status_code: 1.5 })),
        { delivery_id: 'YUNDA', status_code: 0, alias: '无编码', quota_num: 5 },
      ]),
    ],
    event: { all: true },
    check: (envelope) => {
      expect(account(envelope, 'xyz')).toEqual([expect.objectContaining({ quotaNum: 210, quotaSource: 'live' })]);
      expect(account(envelope, 'xyz')[0]!.error).toBeUndefined();
      expect(account(envelope, 'ZT10086')).toEqual([
        expect.objectContaining({
          statusCode: -1,
          status: 'unknown',
          quotaNum: null,
          error: {
            code: 'UPSTREAM_INVALID',
            message: expect.stringContaining('status_code must be a whole number, got 1.5'),
          },
        }),
      ]);
      expect(accountsOf(envelope).find((entry) => entry.alias === '无编码')).toEqual(
        expect.objectContaining({
          deliveryId: 'YUNDA',
          bizId: '',
          quotaNum: null,
          error: {
            code: 'UPSTREAM_INVALID',
            message: expect.stringContaining('biz_id must be a non-empty string, got undefined'),
          },
        }),
      );
      expect(account(envelope, '韵达义乌网点01')).toEqual([
        expect.objectContaining({ quotaNum: 1530, quotaSource: 'live' }),
      ]);
      expect(account(envelope, 'ST-2026-77')).toEqual([expect.objectContaining({ status: 'reviewing' })]);
    },
  },
  {
    name: '2. a row whose snapshot is unreadable and whose live query fails says both',
    faults: [
      accountListFault((rows) => rows.map(editRow('xyz', { quota_num: 12345678901234567000 }))),
      { api: GET_QUOTA, deliveryId: 'YTO', errcode: 45011 },
    ],
    event: { all: true },
    check: (envelope) => {
      expect(account(envelope, 'xyz')).toEqual([
        expect.objectContaining({
          quotaNum: null,
          quotaSource: null,
          error: expect.objectContaining({
            code: 'RATE_LIMITED',
            message: expect.stringContaining("The cached balance could not be shown either: getAllAccount's quota_num"),
          }),
        }),
      ]);
    },
  },
  {
    name: '3. an account listed twice is shown once',
    faults: [
      accountListFault((rows) => [
        ...rows,
        ...rows.filter((row) => row.biz_id === 'ZT10086' || row.delivery_id === 'SF'),
      ]),
    ],
    event: { all: true },
    check: (envelope) => {
      expect(account(envelope, 'ZT10086')).toHaveLength(1);
      expect(unsupportedOf(envelope).filter((entry) => entry.deliveryId === 'SF')).toHaveLength(1);
    },
  },
  {
    name: "4. the courier's reason behind 9300501 reaches the message, with its code and WeChat's rid",
    faults: [{ api: GET_QUOTA, body: COURIER_REFUSAL }],
    event: { deliveryId: 'YTO', bizId: 'xyz' },
    check: (envelope) => {
      expect(errorOf(envelope)).toEqual({
        code: 'WECHAT_ERROR',
        errCode: 9300501,
        courier: { code: '10001', message: '客户编码或者月结账户不存在' },
        message: expect.stringContaining(
          `delivery logic fail ${RID}); the courier said 10001: 客户编码或者月结账户不存在.`,
        ),
      });
    },
  },
  {
    name: "4. the courier's reason stays on its account in the list",
    faults: [
      {
        api: GET_QUOTA,
        deliveryId: 'ZTO',
        body: { ...COURIER_REFUSAL, delivery_resultcode: '10002', delivery_resultmsg: '密码错误' },
      },
    ],
    event: { all: true },
    check: (envelope) => {
      expect(account(envelope, 'ZT10086')[0]!.error).toEqual(
        expect.objectContaining({
          errCode: 9300501,
          courier: { code: '10002', message: '密码错误' },
          message: expect.stringContaining('the courier said 10002: 密码错误'),
        }),
      );
    },
  },
  {
    name: '5. a decimal-string quota_num is read as its number',
    faults: [{ api: GET_QUOTA, body: { errcode: 0, errmsg: 'ok', quota_num: '210' } }],
    event: { deliveryId: 'YTO', bizId: 'xyz' },
    check: (envelope) => expect(envelope).toEqual({ ok: true, data: expect.objectContaining({ quotaNum: 210 }) }),
  },
  {
    name: "5. a negative live balance is that row's UPSTREAM_INVALID, its snapshot shown",
    faults: [{ api: GET_QUOTA, deliveryId: 'YTO', body: { errcode: 0, errmsg: 'ok', quota_num: -3 } }],
    event: { all: true },
    check: (envelope) => {
      expect(account(envelope, 'xyz')).toEqual([
        expect.objectContaining({
          quotaNum: 260,
          quotaSource: 'snapshot',
          error: expect.objectContaining({
            code: 'UPSTREAM_INVALID',
            message: expect.stringContaining('quotaNum: must not be negative, got -3'),
          }),
        }),
      ]);
      expect(account(envelope, 'ZT10086')).toEqual([expect.objectContaining({ quotaNum: 12, quotaSource: 'live' })]);
    },
  },
  {
    name: '5. a fractional balance is UPSTREAM_INVALID',
    faults: [{ api: GET_QUOTA, body: { errcode: 0, errmsg: 'ok', quota_num: 2.5 } }],
    event: { deliveryId: 'YTO', bizId: 'xyz' },
    check: (envelope) =>
      expect(errorOf(envelope)).toEqual({
        code: 'UPSTREAM_INVALID',
        message: expect.stringContaining('quotaNum: must be a whole number of waybills, got 2.5'),
      }),
  },
  ...(
    [
      [9909001, 'WECHAT_ERROR', 9909001],
      [930563, 'WECHAT_ERROR', 930563],
      ['0', 'UPSTREAM_INVALID', undefined],
    ] as const
  ).map(([errcode, code, errCode]): RealAnswerScenario => ({
    name: `6. the undocumented errcode ${JSON.stringify(errcode)} is classified ${code}, WeChat's words and rid kept`,
    faults: [{ api: GET_QUOTA, body: { errcode, errmsg: `system error ${RID}`, quota_num: 1 } }],
    event: { deliveryId: 'YTO', bizId: 'xyz' },
    check: (envelope) => {
      const error = errorOf(envelope);
      expect(error).toEqual(
        errCode === undefined ? { code, message: expect.any(String) } : { code, errCode, message: expect.any(String) },
      );
      expect(error.message).toContain(`system error ${RID}`);
    },
  })),
  {
    name: '6. a very long WeChat message is cut, but never its rid',
    faults: [{ api: GET_QUOTA, errcode: 9909001, errmsg: `${'很长的错误说明'.repeat(60)} ${RID}` }],
    event: { deliveryId: 'YTO', bizId: 'xyz' },
    check: (envelope) => expect(errorOf(envelope).message).toContain(`… ${RID})`),
  },
  {
    name: 'an account whose courier getAllDelivery does not list is labelled so, not as billed per parcel',
    faults: [
      accountListFault((rows) => [
        ...rows,
        { biz_id: 'NEW-1', delivery_id: 'NEWCO', status_code: 0, alias: '新快递', quota_num: 9 },
      ]),
    ],
    event: { all: true },
    check: (envelope) => {
      expect(unsupportedOf(envelope)).toEqual([
        { deliveryId: 'SF', deliveryName: '顺丰速运', bizId: '0210001234', alias: '顺丰月结', reason: 'no-quota' },
        { deliveryId: 'NEWCO', deliveryName: '', bizId: 'NEW-1', alias: '新快递', reason: 'courier-unlisted' },
      ]);
    },
  },
];
