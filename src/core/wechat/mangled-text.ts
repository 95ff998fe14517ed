import { QuotaError } from '../errors/errors';
import { ErrorCode } from '../../contract/errors';

/** What a UTF-8 decoder puts where the bytes were not UTF-8 (U+FFFD): the original text is lost. */
const REPLACEMENT_CHARACTER = '\uFFFD';

export function isMangled(text: string): boolean {
  return text.includes(REPLACEMENT_CHARACTER);
}

/**
 * Throws UPSTREAM_INVALID when an id or name read from upstream was not UTF-8 on the wire. Querying
 * such an id asks WeChat about an account that does not exist, under a name that is not the account's.
 */
export function assertNotMangled(account: string, fields: Readonly<Record<string, string>>): void {
  const mangled = Object.keys(fields).filter((name) => isMangled(fields[name]!));
  if (mangled.length === 0) return;
  throw new QuotaError(
    ErrorCode.UPSTREAM_INVALID,
    `Not queried: the ${mangled.join(' and ')} of ${account} arrived as text that is not UTF-8 (shown as \uFFFD), ` +
      `so the id WeChat knows cannot be recovered. ` +
      `Try again; if it persists, check the account ` +
      `in the mini-program admin console (物流助手) and report it.`,
  );
}
