import * as z from 'zod';
import { balanceSchema, showValue } from './balance';
import { camelToSnake } from './key-case';

/** Snapshot times outside these years are not times WeChat could mean; they are shown as unknown. */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
const LATEST_PLAUSIBLE_MS = Date.UTC(2100, 0, 1);
const MS_PER_SECOND = 1000;

/** One getAllAccount row, as far as it could be read. */
export interface AccountRow {
  deliveryId: string;
  bizId: string;
  alias: string;
  /** -1 when WeChat's status_code could not be read. */
  statusCode: number;
  /** getAllAccount's possibly stale balance and when it was true, when both could be read. */
  snapshot: { quotaNum: number; updatedAtMs: number | null } | undefined;
  /** Why the snapshot could not be used, naming WeChat's field. */
  snapshotProblem?: string;
  /** Why the row cannot be queried at all, naming WeChat's field; such a row is listed with this error. */
  problem?: string;
}

/** One getAllDelivery entry, as far as it could be read. */
export interface CourierRow {
  deliveryId: string;
  deliveryName: string;
  canGetQuota: boolean;
  /** Why WeChat's entry for this courier could not be read, naming its field. */
  problem?: string;
}

const flag = z
  .union([z.number(), z.boolean(), z.enum(['0', '1'])])
  .transform((value) => value === true || value === 1 || value === '1');
const text = z.string().min(1);

/** What identifies and decides an account: a row without these cannot be queried. */
const accountIdentitySchema = z.object({
  bizId: text,
  deliveryId: text,
  statusCode: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
});
const courierSchema = z.object({ deliveryId: text, deliveryName: z.string().nullish(), canGetQuota: flag.nullish() });

const EXPECTED: Readonly<Record<string, string>> = {
  bizId: 'must be a non-empty string',
  deliveryId: 'must be a non-empty string',
  statusCode: 'must be a whole number',
  deliveryName: 'must be a string',
  canGetQuota: 'must be 0, 1, true or false',
};

/** `status_code must be a whole number, got 1.5`: WeChat's own field names, so that support can match its documentation. */
function describeRowIssues(error: z.ZodError, record: Record<string, unknown>): string {
  const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? '')))];
  return fields
    .map((field) => `${camelToSnake(field)} ${EXPECTED[field] ?? 'is invalid'}, got ${showValue(record[field])}`)
    .join('; ');
}

function asRecord(raw: unknown): Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

const readableText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Unix seconds, or milliseconds as some answers give them; null when neither is a plausible time. */
export function snapshotTimeMs(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  for (const ms of [value * MS_PER_SECOND, value]) {
    if (ms >= EARLIEST_PLAUSIBLE_MS && ms < LATEST_PLAUSIBLE_MS) return Math.floor(ms);
  }
  return null;
}

/** Reads one camelCased getAllAccount row; never throws, whatever WeChat sent. */
export function readAccountRow(raw: unknown, index: number): AccountRow {
  const record = asRecord(raw);
  const alias = readableText(record.alias);
  const identity = accountIdentitySchema.safeParse(record);
  if (!identity.success) {
    const statusCode = record.statusCode;
    const problem =
      typeof raw === 'object' && raw !== null && !Array.isArray(raw)
        ? describeRowIssues(identity.error, record)
        : `the row is ${showValue(raw)}, not an object`;
    return {
      deliveryId: readableText(record.deliveryId),
      bizId: readableText(record.bizId),
      alias,
      statusCode: typeof statusCode === 'number' && Number.isSafeInteger(statusCode) ? statusCode : -1,
      snapshot: undefined,
      problem: `getAllAccount's entry ${index + 1}: ${problem}`,
    };
  }
  const row: AccountRow = { ...identity.data, alias, snapshot: undefined };
  if (record.quotaNum === undefined || record.quotaNum === null) return row;
  const quota = balanceSchema.safeParse(record.quotaNum);
  if (!quota.success)
    return { ...row, snapshotProblem: `getAllAccount's quota_num ${quota.error.issues[0]?.message ?? 'is invalid'}` };
  return { ...row, snapshot: { quotaNum: quota.data, updatedAtMs: snapshotTimeMs(record.quotaUpdateTime) } };
}

/** Reads one camelCased getAllDelivery entry; undefined when not even its courier id can be read. */
export function readCourierRow(raw: unknown): CourierRow | undefined {
  const record = asRecord(raw);
  const deliveryId = readableText(record.deliveryId);
  if (deliveryId === '') return undefined;
  const courier = courierSchema.safeParse(record);
  if (!courier.success) {
    return {
      deliveryId,
      deliveryName: readableText(record.deliveryName),
      canGetQuota: false,
      problem: `getAllDelivery's entry for ${deliveryId}: ${describeRowIssues(courier.error, record)}`,
    };
  }
  return { deliveryId, deliveryName: courier.data.deliveryName ?? '', canGetQuota: courier.data.canGetQuota ?? false };
}
