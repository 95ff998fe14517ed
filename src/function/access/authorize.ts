import { forbidden } from '../../core/errors/forbidden';
import { rememberLast } from '../../core/memo';
import { checkCrossAccount } from './cross-account';
import { parseIdList } from './id-list';
import type { Caller } from './caller';

export type { Caller } from './caller';

export type CallerKind = 'admin' | 'server';

export const ADMIN_OPENIDS_VARIABLE = 'QUOTA_ADMIN_OPENIDS';

/** Invocations by the merchant's own back end: a timer trigger, the HTTP API, another cloud function. */
const SERVER_SOURCES: ReadonlySet<string> = new Set(['wx_trigger', 'wx_http', 'scf']);
/** Invocations on behalf of a WeChat user, who must be on the admin list. */
const USER_SOURCES: ReadonlySet<string> = new Set(['wx_client', 'wx_devtools', 'wx_localdebug']);

const adminSet = rememberLast(parseIdList);

/** The admins listed in QUOTA_ADMIN_OPENIDS, parsed once per instance. */
export function parseAdminOpenIds(raw: string | undefined): ReadonlySet<string> {
  return adminSet(raw ?? '');
}

/**
 * Balances are business data: only listed admins and the merchant's server side may read them.
 * The origin of a chain decides, so a user cannot gain server rights by going through another function.
 * A call from another mini-program is refused first, whoever makes it (see cross-account.ts).
 */
export function authorize(
  caller: Caller,
  adminOpenIds: string | undefined,
  env: Readonly<Record<string, string | undefined>> = {},
): CallerKind {
  checkCrossAccount(caller, env);
  const origin = (caller.source ?? '').split(',')[0]?.trim() ?? '';
  if (SERVER_SOURCES.has(origin)) return 'server';
  if (!USER_SOURCES.has(origin)) {
    throw forbidden(
      { reason: 'source' },
      `Calls from source "${origin || 'unknown'}" may not read balances. ` +
        `Call getQuota from the mini-program as an admin, from a timer trigger, or from your server.`,
    );
  }
  // An allowed cross-account user may have no OPENID in this app, only the one of their own (FROM_OPENID).
  const openId = String(caller.openId ?? caller.fromOpenId ?? '').trim();
  if (!openId) {
    throw forbidden(
      { reason: 'no-openid' },
      'The caller has no OPENID, so it cannot be checked against the admin list. Call getQuota from the mini-program while signed in to WeChat.',
    );
  }
  const admins = parseAdminOpenIds(adminOpenIds);
  if (admins.size === 0) {
    throw forbidden(
      { reason: 'no-admins-configured', openId },
      `No mini-program user may read balances yet: ${ADMIN_OPENIDS_VARIABLE} is not set. ` +
        `Set it in the function's environment variables (cloud console → getQuota → configuration) ` +
        `to the admin OPENIDs ` +
        `(separated by commas, semicolons, spaces or new lines); ` +
        `yours is ${openId}.`,
    );
  }
  if (!admins.has(openId)) {
    throw forbidden(
      { reason: 'not-admin', openId },
      `Your OPENID ${openId} is not in ${ADMIN_OPENIDS_VARIABLE}. Ask an admin to add it to the function's environment variables.`,
    );
  }
  return 'admin';
}
