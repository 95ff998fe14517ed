import type { ModelState } from './state';
import { accountRow, type AccountRowShape } from './wechat-answers';

/** A success as WeChat writes it. */
export function ok(body: Record<string, unknown>): Record<string, unknown> {
  return { errcode: 0, errmsg: 'ok', ...body };
}

/** `logistics.getQuota`: the live balance of one bound account, or WeChat's refusal. */
export function getQuotaAnswer(state: ModelState, params: Record<string, unknown>): Record<string, unknown> {
  const { delivery_id: deliveryId, biz_id: bizId } = params;
  if (typeof deliveryId !== 'string' || typeof bizId !== 'string')
    return { errcode: 47001, errmsg: 'data format error' };
  const courier = state.couriers.find((candidate) => candidate.deliveryId === deliveryId);
  if (!courier) return { errcode: 9300503, errmsg: 'delivery_id not registered' };
  if (!courier.canGetQuota) return { errcode: 9300527, errmsg: 'delivery does not support quota' };
  const account = state.accounts.find((candidate) => candidate.deliveryId === deliveryId && candidate.bizId === bizId);
  if (!account || account.statusCode !== 0) return { errcode: 9300525, errmsg: 'bizid not bind' };
  return ok({ quota_num: account.quotaNum });
}

/** `logistics.getAllAccount`: every bound account, in the row shape chosen. */
export function allAccountsAnswer(state: ModelState, shape: AccountRowShape): Record<string, unknown> {
  return ok({ count: state.accounts.length, list: state.accounts.map((account) => accountRow(account, shape)) });
}

/** `logistics.getAllDelivery`: the couriers and what each supports. */
export function allCouriersAnswer(state: ModelState): Record<string, unknown> {
  return ok({
    count: state.couriers.length,
    data: state.couriers.map((courier) => ({
      delivery_id: courier.deliveryId,
      delivery_name: courier.deliveryName,
      can_use_cash: courier.canUseCash ? 1 : 0,
      can_get_quota: courier.canGetQuota ? 1 : 0,
      service_type: [{ service_type: 1, service_name: '标准快递' }],
      cash_biz_id: '',
    })),
  });
}
