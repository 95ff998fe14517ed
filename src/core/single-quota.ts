import { callValidated, isoTime, type CallContext } from './call';
import { LogisticsApiName, type GetQuotaParams } from './logistics';
import { quotaAnswerSchema } from './upstream';

export interface SingleQuota {
  deliveryId: string;
  bizId: string;
  quotaNum: number;
  /** When the balance was read from WeChat (ISO 8601). */
  fetchedAt: string;
}

/** The live balance of one account. */
export async function fetchQuota(context: CallContext, key: GetQuotaParams): Promise<SingleQuota> {
  const answer = await callValidated(context, LogisticsApiName.getQuota, quotaAnswerSchema, () =>
    context.api.getQuota({ deliveryId: key.deliveryId, bizId: key.bizId }),
  );
  return { deliveryId: key.deliveryId, bizId: key.bizId, quotaNum: answer.quotaNum, fetchedAt: isoTime(context.clock.now()) };
}
