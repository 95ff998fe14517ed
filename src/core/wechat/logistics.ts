export interface GetQuotaParams {
  deliveryId: string;
  bizId: string;
}

/**
 * The Logistics Assistant calls this product makes. Two transports implement it: the cloud
 * (`cloud.openapi.logistics`) and HTTPS. Answers are `unknown` until `upstream.ts` has validated them,
 * in either casing; failures may be thrown in any shape `toQuotaError` understands.
 */
export interface LogisticsApi {
  getQuota(params: GetQuotaParams): Promise<unknown>;
  getAllAccount(): Promise<unknown>;
  getAllDelivery(): Promise<unknown>;
}

/** Open-API names as the cloud's permission list spells them. */
export const LogisticsApiName = {
  getQuota: 'logistics.getQuota',
  getAllAccount: 'logistics.getAllAccount',
  getAllDelivery: 'logistics.getAllDelivery',
} as const;
