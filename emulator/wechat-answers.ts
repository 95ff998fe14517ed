import type { AccountState } from './state';

/**
 * WeChat's answers as it writes them, beyond the documented happy path: the ` rid: …` every error
 * message ends with, the courier's own reason on 9300501, codes no document lists, and the official
 * getAllAccount sample (which has no `service_type`).
 */

/** Codes seen in the wild that no WeChat document lists. */
export const UNDOCUMENTED_ERRCODES = [9909001, 930563] as const;

let ridCounter = 0;

/** A request id in WeChat's shape: three groups of hex. */
function nextRid(now: number = Date.now()): string {
  ridCounter += 1;
  const hex = (value: number) => (value >>> 0).toString(16).padStart(8, '0');
  return `${hex(Math.floor(now / 1000))}-${hex(0x5a17c0de ^ ridCounter)}-${hex(ridCounter)}`;
}

/** `errmsg` as WeChat ends it, unless it already carries a rid. */
export function withRid(errmsg: string, now?: number): string {
  return /\brid: /.test(errmsg) ? errmsg : `${errmsg} rid: ${nextRid(now)}`;
}

/** Fault fields for a 9300501 that carries the courier's own code and reason, e.g. 10001 客户编码或者月结账户不存在. */
export function courierRefusal(
  deliveryResultCode: number,
  deliveryResultMsg: string,
): { errcode: number; errmsg: string; deliveryResultCode: number; deliveryResultMsg: string } {
  return { errcode: 9300501, errmsg: 'delivery logic fail', deliveryResultCode, deliveryResultMsg };
}

/** The official getAllAccount sample, byte for byte in its fields. */
export const OFFICIAL_GET_ALL_ACCOUNT_SAMPLE = {
  count: 1,
  list: [
    {
      biz_id: '123456789',
      delivery_id: 'YUNDA',
      create_time: 1555482786,
      update_time: 1556594799,
      status_code: 0,
      alias: '',
      remark_wrong_msg: '',
      remark_content: '',
      quota_num: 55,
      quota_update_time: 1556594799,
    },
  ],
};

/** How getAllAccount rows are written: with `service_type` as the field list documents, or exactly as the official sample. */
export type AccountRowShape = 'documented' | 'official-sample';

export function accountRow(account: AccountState, shape: AccountRowShape): Record<string, unknown> {
  const row: Record<string, unknown> = {
    biz_id: account.bizId,
    delivery_id: account.deliveryId,
    create_time: 1_700_000_000,
    update_time: account.snapshotUpdateTime ?? 1_700_000_000,
    status_code: account.statusCode,
    alias: account.alias,
    remark_wrong_msg: '',
    remark_content: '',
    quota_num: account.snapshotQuotaNum ?? account.quotaNum,
    quota_update_time: account.snapshotUpdateTime ?? 1_700_000_000,
  };
  return shape === 'official-sample' ? row : { ...row, service_type: [] };
}
