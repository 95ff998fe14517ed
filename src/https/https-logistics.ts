import { LogisticsApiName, type LogisticsApi } from '../core/wechat/logistics';
import type { AccessTokenCache } from './access-token';
import type { WechatHttp, WechatHttpRequest } from './wechat-http';

/** Answers that mean the token, not the request, was wrong: drop it, fetch a new one, replay once. */
export const TOKEN_REJECTED_CODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

const EXPRESS_PATHS = {
  getQuota: '/cgi-bin/express/business/quota/get',
  getAllAccount: '/cgi-bin/express/business/account/getall',
  getAllDelivery: '/cgi-bin/express/business/delivery/getall',
} as const;

function isTokenRejection(answer: unknown): boolean {
  const errcode = (answer as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === 'number' && TOKEN_REJECTED_CODES.has(errcode);
}

/** The typed logistics API over WeChat's HTTPS interface, with the methods WeChat documents. */
export function createHttpsLogistics(http: WechatHttp, tokens: AccessTokenCache): LogisticsApi {
  const authorized = async (request: Omit<WechatHttpRequest, 'accessToken'>): Promise<unknown> => {
    const token = await tokens.get();
    const answer = await http({ ...request, accessToken: token });
    if (!isTokenRejection(answer)) return answer;
    tokens.invalidate(token);
    // Replayed once: if the fresh token is rejected too, that answer is the caller's to report.
    return http({ ...request, accessToken: await tokens.get() });
  };
  return {
    getQuota: (params) =>
      authorized({
        api: LogisticsApiName.getQuota,
        method: 'POST',
        path: EXPRESS_PATHS.getQuota,
        body: { delivery_id: params.deliveryId, biz_id: params.bizId },
      }),
    getAllAccount: () =>
      authorized({ api: LogisticsApiName.getAllAccount, method: 'GET', path: EXPRESS_PATHS.getAllAccount }),
    getAllDelivery: () =>
      authorized({ api: LogisticsApiName.getAllDelivery, method: 'GET', path: EXPRESS_PATHS.getAllDelivery }),
  };
}
