import type { Fault } from './open-api-fault';
import { withRid } from './wechat-answers';

/** What a face of the emulator hands back for one open-API call. */
export type ModelAnswer =
  | { kind: 'json'; body: Record<string, unknown> }
  | { kind: 'platform-error'; errorCode: number }
  | { kind: 'drop' }
  | { kind: 'garbage' }
  | { kind: 'empty' };

/**
 * The answer a fault gives instead of WeChat's own, or undefined when WeChat answers as usual (no fault,
 * latency only, or `dropAfterProcessing`, which the model handles since WeChat does the work first).
 */
export function faultAnswer(fault: Fault | undefined, now: number): ModelAnswer | undefined {
  if (fault === undefined) return undefined;
  if (fault.drop) return { kind: 'drop' };
  if (fault.dropAfterProcessing) return undefined;
  if (fault.garbage) return { kind: 'garbage' };
  if (fault.empty) return { kind: 'empty' };
  if (fault.body) return { kind: 'json', body: fault.body };
  if (fault.platformErrorCode !== undefined) return { kind: 'platform-error', errorCode: fault.platformErrorCode };
  if (fault.errcode === undefined) return undefined;
  const courier =
    fault.deliveryResultCode === undefined
      ? {}
      : { delivery_resultcode: fault.deliveryResultCode, delivery_resultmsg: fault.deliveryResultMsg ?? '' };
  return {
    kind: 'json',
    body: {
      errcode: fault.errcode,
      errmsg: withRid(fault.errmsg ?? `emulated error ${fault.errcode}`, now),
      ...courier,
    },
  };
}
