import { describeIssues } from '../core/errors/describe-issues';
import { isMangled } from '../core/wechat/mangled-text';
import { accountKeySchema } from '../core/accounts/params';
import type { GetQuotaParams } from '../core/wechat/logistics';
import type { OptionDefs } from './strict-args';

/** The options both commands share (`npm start`, `npm run quota`); -h/--help is every command's (strict-args). */
export const COMMON_OPTIONS = {
  'delivery-id': { type: 'string', hint: 'a courier id such as YTO' },
  'biz-id': { type: 'string', hint: 'the customer code at the courier' },
  json: { type: 'boolean' },
} as const satisfies OptionDefs;

export const COMMON_USAGE = `  --delivery-id ID   query one account: the courier id, such as YTO (needs --biz-id)
  --biz-id ID        query one account: the customer code at the courier (needs --delivery-id)
  --json             print only the result envelope, as JSON, on stdout
  -h, --help         show this help (wins over any other option)`;

/** The one account named by --delivery-id/--biz-id, validated as the function validates it; undefined for all. */
export function accountFromArgs(deliveryId: string | undefined, bizId: string | undefined): GetQuotaParams | undefined {
  if (deliveryId === undefined && bizId === undefined) return undefined;
  if (deliveryId === undefined || bizId === undefined) {
    throw new Error('--delivery-id and --biz-id go together: give both to query one account, or neither to list all.');
  }
  // Before the schema, which refuses U+FFFD too: here it says how a terminal comes to send it.
  if (isMangled(bizId)) {
    throw new Error(
      '--biz-id contains \uFFFD (U+FFFD): it reached the command as text that is not UTF-8. ' +
        'Run it with a UTF-8 locale (LANG=C.UTF-8), or copy the bizId from the account list.',
    );
  }
  const parsed = accountKeySchema.safeParse({ deliveryId, bizId });
  if (!parsed.success) throw new Error(`invalid account: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
