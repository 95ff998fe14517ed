import { camelizeKeys, snakeCaseKeys } from '../src/core/wechat/key-case';
import type { Clock } from '../src/core/clock';
import { LogisticsApiName, type LogisticsApi } from '../src/core/wechat/logistics';
import { SUBSCRIBE_SEND_API, type MessagingApi } from '../src/core/wechat/messaging';
import type { RobotPost } from '../src/core/alerts/robots/robot-post';
import type { WechatModel } from './wechat-model';

/** Codes wx-server-sdk throws for a dropped connection and for an answer it cannot decode. */
const SDK_TRANSPORT_ERROR = -501001;
const SDK_SYSTEM_ERROR = -601001;

/**
 * The model behind the typed APIs, behaving as wx-server-sdk does: snake_case on the way in,
 * camelCase with `errMsg`/`errCode` on the way out, failures thrown as `{ errCode, errMsg, wxAnswer }`
 * (`wxAnswer` as the build's patch of the SDK keeps it).
 * For in-process tests; the emulator's cloud face exercises the real SDK.
 */
export function createInProcessOpenApi(
  model: WechatModel,
  clock: Pick<Clock, 'sleep'>,
): { logistics: LogisticsApi; messaging: MessagingApi; robotPost: RobotPost } {
  const call = async (api: string, params: object): Promise<unknown> => {
    const answer = await model.reply(api, snakeCaseKeys(params) as Record<string, unknown>, (ms) => clock.sleep(ms));
    switch (answer.kind) {
      case 'drop':
        throw { errCode: SDK_TRANSPORT_ERROR, errMsg: `openapi.${api}:fail socket hang up` };
      case 'garbage':
        throw { errCode: SDK_SYSTEM_ERROR, errMsg: `openapi.${api}:fail unknown wx response received` };
      case 'empty':
        // The SDK hands back an answer with no JSON as a raw buffer.
        return { contentType: '', buffer: Buffer.alloc(0), errMsg: `openapi.${api}:ok`, errCode: 0 };
      case 'platform-error':
        throw { errCode: answer.errorCode, errMsg: `system error: error code: ${answer.errorCode}` };
      case 'json': {
        const { errcode, errmsg, ...rest } = answer.body;
        // As the bundled SDK does: any truthy errcode is a refusal, and the build's patch keeps the whole answer.
        if (errcode) throw { errCode: errcode, errMsg: `openapi.${api}:fail ${String(errmsg)}`, wxAnswer: answer.body };
        return { ...(camelizeKeys(rest) as Record<string, unknown>), errMsg: `openapi.${api}:ok`, errCode: 0 };
      }
    }
  };
  return {
    logistics: {
      getQuota: (params) => call(LogisticsApiName.getQuota, { deliveryId: params.deliveryId, bizId: params.bizId }),
      getAllAccount: () => call(LogisticsApiName.getAllAccount, {}),
      getAllDelivery: () => call(LogisticsApiName.getAllDelivery, {}),
    },
    messaging: { sendSubscribeMessage: (message) => call(SUBSCRIBE_SEND_API, message) },
    robotPost: async (address, body, timeoutMs) => {
      const url = new URL(address);
      const kind = model.robots.kindOf(url.hostname);
      const fault = kind === undefined ? undefined : model.robots.takeFault(kind);
      if (fault?.delayMs !== undefined && fault.delayMs >= timeoutMs) {
        await clock.sleep(timeoutMs);
        throw new Error(`no answer within ${timeoutMs} ms`);
      }
      if (fault?.delayMs) await clock.sleep(fault.delayMs);
      if (fault?.drop) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      const reply = model.robots.handle(url.hostname, url, body, fault);
      return { status: reply.status, text: JSON.stringify(reply.json) };
    },
  };
}
