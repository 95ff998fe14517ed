import type { QuotaError } from '../errors/errors';

/**
 * Platform codes that prove the request never reached WeChat: the cloud refused it itself (unknown API,
 * no permission, illegal source, over its own limits).
 */
const PERMANENT_REFUSALS: ReadonlySet<number> = new Set([-604100, -604101, -604104]);
const REFUSED_BY_THE_CLOUD: ReadonlySet<number> = new Set([...PERMANENT_REFUSALS, -501003, -501004]);
/** Transport failures before a connection existed: nothing was written, so nothing can have been delivered. */
const NEVER_CONNECTED = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\b/;

/** The text of the raw failure, where the SDK names the socket error (`connect ECONNREFUSED 127.0.0.1:…`). */
function rawText(error: QuotaError): string {
  const cause = error.cause as { errMsg?: unknown; message?: unknown; code?: unknown } | undefined;
  return [cause?.errMsg, cause?.message, cause?.code, error.message]
    .filter((part) => typeof part === 'string')
    .join(' ');
}

/**
 * Whether a failed send provably never reached WeChat, so repeating it cannot deliver a message twice.
 * Only then may a subscribe message be sent again: a timeout, a dropped connection, -1 or -501001 may
 * all hide a message WeChat accepted.
 */
export function failedBeforeDelivery(error: QuotaError): boolean {
  if (error.errCode !== undefined && REFUSED_BY_THE_CLOUD.has(error.errCode)) return true;
  return NEVER_CONNECTED.test(rawText(error));
}

/** The retry predicate for sends: a failure before delivery that may pass when repeated (not a missing permission). */
export function maySendAgain(error: QuotaError): boolean {
  return failedBeforeDelivery(error) && !PERMANENT_REFUSALS.has(error.errCode ?? 0);
}

/**
 * `failed` when the message was certainly not delivered (WeChat refused it with its own code, or it never
 * left); `unknown` otherwise (a timeout, a dropped connection, an unreadable answer, system busy).
 */
export function sendFailureKind(error: QuotaError): 'failed' | 'unknown' {
  if (failedBeforeDelivery(error)) return 'failed';
  // WeChat's own refusals are positive codes; -1 (system busy) and the SDK's -501001 prove nothing.
  return error.errCode !== undefined && error.errCode > 0 ? 'failed' : 'unknown';
}
