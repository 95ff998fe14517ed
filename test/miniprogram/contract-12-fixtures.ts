/**
 * What the issue 12 contract (/work/wt/CONTRACT-12.md) allows but the function does not answer yet in
 * tests: `quotaSource: 'stored'`, given only when the live queries of many accounts do not fit one
 * invocation. The rest of the answer is the real handler's.
 */
import type { CallFunction } from '../../miniprogram/services/quota-service';

interface Envelope {
  ok: boolean;
  data?: { accounts?: Array<Record<string, unknown>> };
}

/** The real answer, with `deliveryId`'s account marked as answered from its stored reading taken at `readAt`. */
export function markedStored(answer: CallFunction, deliveryId: string, readAt: number): CallFunction {
  return async (options) => {
    const { result } = await answer(options);
    const envelope = result as Envelope;
    for (const account of envelope.data?.accounts ?? []) {
      if (account.deliveryId === deliveryId) Object.assign(account, { quotaSource: 'stored', quotaUpdatedAt: new Date(readAt).toISOString() });
    }
    return { result };
  };
}
