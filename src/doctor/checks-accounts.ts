import { readAccountRow, type AccountRow, type CourierRow } from '../core/wechat/account-rows';
import { accountAnswerSchema } from '../core/wechat/list-answers';
import { isMangled } from '../core/wechat/mangled-text';
import { parseAnswer, quotaAnswerSchema } from '../core/wechat/upstream';
import { mapWithConcurrency } from '../core/concurrency';
import { fail, ok, skip, unchecked, type Check } from './types';
import { describeCallFailure, type DoctorWechat } from './wechat';

/** How many quota/get calls run at once: few, the doctor is not in a hurry and spends the merchant's quota. */
const CONCURRENCY = 3;
/** Accounts named in the summary line before "and N more". */
const NAMED = 5;
const BIND_AGAIN = 'admin console → 物流助手 → 账号管理';

/** More to say on the 9300xxx codes a setup meets, beside the error table's hint. */
const QUOTA_NOTES: Readonly<Record<number, string>> = {
  9300503:
    'The courier id is not one the Logistics Assistant registers: it must be getAllAccount\'s delivery_id, exactly (such as "YTO").',
  9300525:
    'If your own code queries this account, send biz_id as UTF-8 JSON: a Chinese customer code sent as \\u escapes (as some JSON encoders do by default) is not recognised and answers 9300525. This doctor sent it as UTF-8, so here WeChat does not consider the account bound: bind it again in the admin console.',
  9300527: 'This courier bills per parcel and has no waybill quota: nothing to watch (the page lists it apart).',
  9300531: `The courier does not recognise the customer code or its password: check them with the courier and bind again (${BIND_AGAIN}).`,
  9300532: 'The courier is still reviewing this binding: it answers once approved.',
};

/** The account as the checklist names it. */
export const accountName = (row: Pick<AccountRow, 'deliveryId' | 'bizId'>): string => `${row.deliveryId}/${row.bizId}`;

/** Check 3's lines, and how many accounts the timer queries: what the API quota check needs. */
export interface AccountsResult {
  checks: Check[];
  /** Bound accounts of couriers with a quota: what the timer queries; undefined when the list could not be read. */
  queryable: number | undefined;
}

/**
 * Check 3: getAllAccount's accounts with their review state (status_code, remark_wrong_msg), which couriers
 * bill per parcel (getAllDelivery's can_get_quota, as the function decides), and one quota/get per bound
 * account, each refusal explained with WeChat's rid kept.
 */
export async function checkAccounts(wechat: DoctorWechat, couriers: Map<string, CourierRow>): Promise<AccountsResult> {
  let list: unknown[];
  try {
    list = parseAnswer('getAllAccount', accountAnswerSchema, await wechat.logistics.getAllAccount()).list;
  } catch (error) {
    const failure = describeCallFailure(error, 'getAllAccount');
    const finding =
      failure.errCode === 48001
        ? `${failure.finding}: getAllAccount needs a verified (认证) mini-program`
        : failure.finding;
    const check = failure.unreachable
      ? unchecked('accounts', finding, failure.fix)
      : fail('accounts', finding, failure.fix);
    return { checks: [check], queryable: undefined };
  }
  const rows = list.map((raw, index) => ({ raw: raw as Record<string, unknown>, row: readAccountRow(raw, index) }));
  const checks: Check[] = [];
  const perParcel: string[] = [];
  const toQuery: AccountRow[] = [];
  for (const { raw, row } of rows) {
    const id = `account:${accountName(row)}`;
    const courier = couriers.get(row.deliveryId);
    if (row.problem !== undefined)
      checks.push(fail(id, row.problem, 'WeChat sent an entry that cannot be read: report it with this line.'));
    else if (courier === undefined)
      checks.push(
        skip(
          id,
          `courier ${row.deliveryId} is not in getAllDelivery's list: whether it has a waybill quota is unknown, so it is not queried`,
        ),
      );
    else if (!courier.canGetQuota) perParcel.push(`${courier.deliveryName || row.deliveryId} ${row.bizId}`);
    else if (row.statusCode === 1)
      checks.push(
        skip(
          id,
          'binding under review by the courier (status_code 1): not queried, not alerted until approved',
          "Wait for the courier's approval (usually a few working days); ask the courier's branch if it takes longer.",
        ),
      );
    else if (row.statusCode === 2) {
      const reason = typeof raw?.remarkWrongMsg === 'string' && raw.remarkWrongMsg ? `: ${raw.remarkWrongMsg}` : '';
      checks.push(
        fail(
          id,
          `binding refused by the courier (status_code 2)${reason}`,
          `Correct what the courier says and bind the account again (${BIND_AGAIN}).`,
        ),
      );
    } else if (row.statusCode === 3)
      checks.push(
        skip(id, 'unbound (status_code 3): not queried', `Bind it again (${BIND_AGAIN}) if it should be watched.`),
      );
    else if (row.statusCode !== 0)
      checks.push(
        fail(
          id,
          `status_code ${row.statusCode}, which WeChat does not document: not queried`,
          'Check the account in the admin console; report the code if it persists.',
        ),
      );
    else if (isMangled(row.bizId) || isMangled(row.deliveryId))
      checks.push(
        fail(
          id,
          'its id arrived as text that is not UTF-8 (shown as �): not queried with a mangled id',
          'Run the doctor again; if it persists, report it.',
        ),
      );
    else toQuery.push(row);
  }
  const states = [
    `${rows.length} account${rows.length === 1 ? '' : 's'} in getAllAccount`,
    `${toQuery.length} bound with a waybill quota`,
    ...(perParcel.length > 0
      ? [`${perParcel.length} billed per parcel, nothing to query (${perParcel.slice(0, NAMED).join(', ')})`]
      : []),
  ];
  const summary =
    toQuery.length > 0
      ? ok('accounts', states.join('; '))
      : fail(
          'accounts',
          `${states.join('; ')}: no account to watch`,
          `Bind a courier account with a waybill quota (${BIND_AGAIN}).`,
        );
  const quota = await queryEach(wechat, toQuery);
  return { checks: [summary, ...checks, ...quota], queryable: toQuery.length };
}

async function queryEach(wechat: DoctorWechat, rows: AccountRow[]): Promise<Check[]> {
  const results = await mapWithConcurrency(rows, CONCURRENCY, (row) => queryOne(wechat, row));
  if (rows.length === 0) return [];
  const answered = rows.flatMap((row, index) => {
    const balance = results[index]?.balance;
    return balance === undefined ? [] : [`${accountName(row)} ${balance}`];
  });
  const more = answered.length > NAMED ? `, and ${answered.length - NAMED} more` : '';
  const named = answered.length > 0 ? `: ${answered.slice(0, NAMED).join(', ')}${more}` : '';
  const line = `quota/get answers for ${answered.length} of ${rows.length} bound accounts${named}`;
  const failed = results.flatMap((result) => (result.check ? [result.check] : []));
  return [answered.length > 0 ? ok('quota', line) : skip('quota', line), ...failed];
}

async function queryOne(wechat: DoctorWechat, row: AccountRow): Promise<{ balance?: number; check?: Check }> {
  const id = `quota:${accountName(row)}`;
  try {
    const answer = parseAnswer('quota/get', quotaAnswerSchema, await wechat.logistics.getQuota(row));
    return { balance: answer.quotaNum };
  } catch (error) {
    const failure = describeCallFailure(error, 'quota/get');
    const note = failure.errCode === undefined ? undefined : QUOTA_NOTES[failure.errCode];
    const fix = note ? `${note} ${failure.fix}` : failure.fix;
    return { check: failure.unreachable ? unchecked(id, failure.finding, fix) : fail(id, failure.finding, fix) };
  }
}
