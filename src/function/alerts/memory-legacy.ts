import * as z from 'zod';
import { accountKey, accountOfLegacyKey } from '../../core/accounts/account-key';
import type { AlertRecord } from '../../core/alerts/alert-policy';
import type { Logger } from '../../core/logger';
import { FOREIGN, idOf, isForeign, LOCK_COLLECTION_FIX } from '../own-documents';

/** The first release's list of admins owed a message, in quota_alerts. */
export const LEGACY_OWED_ID = 'owed-admins';

const legacyRecordSchema = z.object({
  _id: z.string(),
  quotaNum: z.number().int().min(0),
  alertedAt: z.number().int().min(0),
});
const legacyOwedSchema = z.object({ admins: z.array(z.string()) });

/**
 * The first release's alert records (`{ _id: "YTO:xyz", quotaNum, alertedAt }`, by accountKey) and owed
 * admins among `documents`, which were read by id, so that documents planted in bulk cannot push them out.
 * A user-written one, one alerted after `latestAlert`, or one that is no record is skipped and logged.
 */
export function legacyAlerts(
  documents: ReadonlyArray<Record<string, unknown>>,
  latestAlert: number,
  ignore: (document: Record<string, unknown>, why: string) => void,
  log: Logger,
): { records: Map<string, AlertRecord>; ids: string[]; owed: string[] } {
  const records = new Map<string, AlertRecord>();
  const found: string[] = [];
  const junk: Array<Record<string, unknown>> = [];
  let owed: string[] = [];
  for (const document of documents) {
    if (document._id === LEGACY_OWED_ID && !isForeign(document)) {
      owed = legacyOwedSchema.safeParse(document).data?.admins ?? [];
      found.push(LEGACY_OWED_ID);
      continue;
    }
    const parsed = legacyRecordSchema.safeParse(document);
    const account = parsed.success ? accountOfLegacyKey(parsed.data._id) : undefined;
    if (isForeign(document)) ignore(document, FOREIGN);
    else if (!parsed.success || !account) junk.push(document);
    else if (parsed.data.alertedAt > latestAlert) ignore(document, 'alerted in the future');
    else {
      found.push(parsed.data._id);
      records.set(accountKey(account), { quotaNum: parsed.data.quotaNum, alertedAt: parsed.data.alertedAt });
    }
  }
  if (junk.length > 0)
    log.warn('alert memory: skipped documents that are no alert record', {
      count: junk.length,
      example: idOf(junk[0] as Record<string, unknown>),
      fix: LOCK_COLLECTION_FIX,
    });
  return { records, ids: found, owed };
}
