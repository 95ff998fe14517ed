import * as z from 'zod';
import { ErrorCode } from '../../src/core/errors';

const errorSchema = z.strictObject({
  code: z.enum(Object.values(ErrorCode) as [string, ...string[]]),
  message: z.string().min(10).max(2_000),
  errCode: z.number().int().optional(),
});

const quota = z.number().int().refine(Number.isSafeInteger);
const singleSchema = z.strictObject({ deliveryId: z.string(), bizId: z.string(), quotaNum: quota, fetchedAt: z.string() });
const accountSchema = z.strictObject({
  deliveryId: z.string(),
  deliveryName: z.string(),
  bizId: z.string(),
  alias: z.string(),
  statusCode: z.number().int(),
  status: z.enum(['bound', 'reviewing', 'failed', 'unbound', 'unknown']),
  quotaNum: quota.nullable(),
  quotaSource: z.enum(['live', 'snapshot']).nullable(),
  quotaUpdatedAt: z.string().nullable(),
  error: errorSchema.optional(),
});
const allSchema = z.looseObject({ accounts: z.array(accountSchema), unsupported: z.array(z.unknown()), fetchedAt: z.string() });

/** Every envelope the function may return: a well-formed answer or a classified error, nothing else. */
export const envelopeSchema = z.union([
  z.strictObject({ ok: z.literal(true), data: z.union([singleSchema, allSchema]) }),
  z.strictObject({ ok: z.literal(false), error: errorSchema }),
]);
