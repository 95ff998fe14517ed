import { isoTime } from '../clock';
import { callValidated, type CallContext } from './openapi-call';
import { LogisticsApiName, type GetQuotaParams } from './logistics';
import { withFields } from '../logger';
import { quotaAnswerSchema } from './upstream';
import type { SingleQuota } from '../../contract/answers';

/** The live balance of one account; its retries are logged with the account's deliveryId and bizId. */
export async function fetchQuota(context: CallContext, key: GetQuotaParams): Promise<SingleQuota> {
  const accountContext = { ...context, log: withFields(context.log, { deliveryId: key.deliveryId, bizId: key.bizId }) };
  const answer = await callValidated(accountContext, LogisticsApiName.getQuota, quotaAnswerSchema, () =>
    context.api.getQuota({ deliveryId: key.deliveryId, bizId: key.bizId }),
  );
  return {
    deliveryId: key.deliveryId,
    bizId: key.bizId,
    quotaNum: answer.quotaNum,
    fetchedAt: isoTime(context.clock.now()),
  };
}
