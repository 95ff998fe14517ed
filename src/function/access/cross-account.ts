import { QuotaError } from '../../core/errors/errors';
import { ErrorCode } from '../../contract/errors';
import { forbidden } from '../../core/errors/forbidden';
import { rememberLast } from '../../core/memo';
import type { Caller } from './caller';
import { parseIdList } from './id-list';

/**
 * The shape of a mini-program appid. Real ones are "wx" and 16 hexadecimal characters; letters beyond
 * hexadecimal are accepted too, so that a check meant to catch typos can never refuse a real appid.
 */
export const APPID_PATTERN = /^wx[0-9A-Za-z]{16}$/;

/** How the shape reads in an error message. */
export const APPID_SHAPE = '"wx" and 16 letters or digits';

/** This mini-program's own appid: a call whose APPID differs comes from another app. */
export const OWN_APPID_VARIABLE = 'QUOTA_APPID';
/** Other mini-programs that may read balances through resource sharing (cross-account calls). */
export const SHARED_APPIDS_VARIABLE = 'QUOTA_SHARED_APPIDS';

/** QUOTA_SHARED_APPIDS, parsed once per instance. */
const sharedAppIds = rememberLast(parseIdList);

/**
 * Balances belong to this mini-program. A call from another one, through cloud resource sharing
 * (the cloud sets FROM_APPID/FROM_OPENID), or whose APPID is not this app's own (when QUOTA_APPID says
 * which that is), is refused unless QUOTA_SHARED_APPIDS names the other app.
 */
export function checkCrossAccount(caller: Caller, env: Readonly<Record<string, string | undefined>>): void {
  const ownAppId = env[OWN_APPID_VARIABLE]?.trim() || undefined;
  if (ownAppId !== undefined && !APPID_PATTERN.test(ownAppId)) {
    throw new QuotaError(
      ErrorCode.CONFIG_INVALID,
      `${OWN_APPID_VARIABLE} must be this mini-program's appid (` +
        `${APPID_SHAPE}, from the admin console → 开发管理 → 开发设置); got ${JSON.stringify(ownAppId.slice(0, 40))}.`,
    );
  }
  const shared = sharedAppIds(env[SHARED_APPIDS_VARIABLE] ?? '');
  const allow = `To allow it, add its appid to ${SHARED_APPIDS_VARIABLE} in the function's environment variables.`;
  if (caller.fromAppId !== undefined || caller.fromOpenId !== undefined) {
    if (caller.fromAppId !== undefined && shared.has(caller.fromAppId)) return;
    const app = caller.fromAppId ?? 'an unnamed app';
    throw forbidden(
      { reason: 'cross-account' },
      `This call comes from another mini-program (${app}) through cloud resource sharing ` +
        `(FROM_APPID/FROM_OPENID are set), and balances are business data of this one. ${allow}`,
    );
  }
  if (ownAppId !== undefined && caller.appId !== undefined && caller.appId !== ownAppId && !shared.has(caller.appId)) {
    throw forbidden(
      { reason: 'cross-account' },
      `This call comes from mini-program ${caller.appId}, not from this one ` +
        `(${OWN_APPID_VARIABLE} is ${ownAppId}), and balances are business data of this one. ${allow}`,
    );
  }
}
