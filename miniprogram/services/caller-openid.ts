import type { WireError } from './quota-result';

/**
 * getQuota names the refused caller's OPENID in its FORBIDDEN message, in one of two sentences:
 * "Your OPENID <id> is not in …" and "…; yours is <id>." The id is taken whole, up to the space or
 * the sentence's final period, so whatever characters WeChat uses in it (`-`, `_`, …) are kept.
 */
const MENTIONS = [/\bYour OPENID (\S+) is not in /, /\byours is (\S+)\.$/];

/** The caller's OPENID when the function refused them, so the page can show it for copying. */
export function callerOpenId(error: WireError): string | undefined {
  if (error.code !== 'FORBIDDEN') return undefined;
  for (const mention of MENTIONS) {
    const openId = mention.exec(error.message)?.[1];
    if (openId) return openId;
  }
  return undefined;
}
