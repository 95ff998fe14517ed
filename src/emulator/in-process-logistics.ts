import { camelizeKeys } from '../core/case';
import type { Clock } from '../core/clock';
import { LogisticsApiName, type LogisticsApi } from '../core/logistics';
import type { WechatModel } from './wechat-model';

/** Codes wx-server-sdk throws for a dropped connection and for an answer it cannot decode. */
const SDK_TRANSPORT_ERROR = -501001;
const SDK_SYSTEM_ERROR = -601001;

/**
 * The model behind the typed logistics API, behaving as wx-server-sdk does: snake_case on the
 * way in, camelCase with `errMsg`/`errCode` on the way out, failures thrown as `{ errCode, errMsg }`.
 * For in-process tests and `npm start` without the wire; the emulator's cloud face exercises the real SDK.
 */
export function createInProcessLogistics(model: WechatModel, clock: Pick<Clock, 'sleep'>): LogisticsApi {
  const call = async (api: string, params: Record<string, unknown>): Promise<unknown> => {
    const { answer, latencyMs } = model.answer(api, params);
    if (latencyMs > 0) await clock.sleep(latencyMs);
    switch (answer.kind) {
      case 'drop':
        throw { errCode: SDK_TRANSPORT_ERROR, errMsg: `openapi.${api}:fail socket hang up` };
      case 'garbage':
        throw { errCode: SDK_SYSTEM_ERROR, errMsg: `openapi.${api}:fail unknown wx response received` };
      case 'platform-error':
        throw { errCode: answer.errorCode, errMsg: `system error: error code: ${answer.errorCode}` };
      case 'json': {
        const { errcode, errmsg, ...rest } = answer.body;
        if (typeof errcode === 'number' && errcode !== 0) throw { errCode: errcode, errMsg: `openapi.${api}:fail ${String(errmsg)}` };
        return { ...(camelizeKeys(rest) as Record<string, unknown>), errMsg: `openapi.${api}:ok`, errCode: 0 };
      }
    }
  };
  return {
    getQuota: (params) => call(LogisticsApiName.getQuota, { delivery_id: params.deliveryId, biz_id: params.bizId }),
    getAllAccount: () => call(LogisticsApiName.getAllAccount, {}),
    getAllDelivery: () => call(LogisticsApiName.getAllDelivery, {}),
  };
}
