import { describeIssues } from '../core/describe-issues';
import { accountKeySchema } from '../core/params';
import type { GetQuotaParams } from '../core/logistics';

/** The options both commands share, in node:util parseArgs form. */
export const COMMON_OPTIONS = {
  'delivery-id': { type: 'string' },
  'biz-id': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

export const COMMON_USAGE = `  --delivery-id ID   query one account: the courier id, such as YTO (needs --biz-id)
  --biz-id ID        query one account: the customer code at the courier (needs --delivery-id)
  --json             print only the result envelope, as JSON, on stdout
  --help             show this help`;

/** The one account named by --delivery-id/--biz-id, validated as the function validates it; undefined for all. */
export function accountFromArgs(deliveryId: string | undefined, bizId: string | undefined): GetQuotaParams | undefined {
  if (deliveryId === undefined && bizId === undefined) return undefined;
  if (deliveryId === undefined || bizId === undefined) {
    throw new Error('--delivery-id and --biz-id go together: give both to query one account, or neither to list all.');
  }
  const parsed = accountKeySchema.safeParse({ deliveryId, bizId });
  if (!parsed.success) throw new Error(`invalid account: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
