import type { CourierReason } from '../../contract/errors';
const MAX_REASON_CHARS = 100;
const MAX_CODE_CHARS = 20;

/**
 * Reads `delivery_resultcode` / `delivery_resultmsg` from a WeChat answer in either casing. Only
 * present on some refusals (9300501); undefined when the answer carries neither.
 */
export function readCourierReason(answer: unknown): CourierReason | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const record = answer as Record<string, unknown>;
  const code = record.delivery_resultcode ?? record.deliveryResultcode;
  const message = record.delivery_resultmsg ?? record.deliveryResultmsg;
  const codeText = (
    typeof code === 'number' && Number.isFinite(code) ? String(code) : typeof code === 'string' ? code.trim() : ''
  ).slice(0, MAX_CODE_CHARS);
  const messageText = typeof message === 'string' ? message.trim().slice(0, MAX_REASON_CHARS) : '';
  if (codeText === '' && messageText === '') return undefined;
  return { code: codeText, message: messageText };
}

/** `the courier said 10001: 客户编码或者月结账户不存在` */
export function describeCourierReason(reason: CourierReason): string {
  const code = reason.code === '' ? '' : ` ${reason.code}`;
  const words = reason.message === '' ? '' : `: ${reason.message}`;
  return `the courier said${code}${words}`;
}
