import type { SubscribeMessage } from '../core/wechat/messaging';

/**
 * The part of `cloud.openapi` this function uses. wx-server-sdk types `openapi` as
 * `Record<string, any>` (any path is callable, so a typo would only fail in the cloud); this
 * interface is cast once, in index.ts. The build checks every `openapi.<ns>.<method>(` call
 * against config.json, so write calls in exactly that form.
 */
export interface CloudOpenApi {
  logistics: {
    getQuota(params: { deliveryId: string; bizId: string }): Promise<unknown>;
    getAllAccount(): Promise<unknown>;
    getAllDelivery(): Promise<unknown>;
  };
  subscribeMessage: {
    send(message: SubscribeMessage): Promise<unknown>;
  };
}
