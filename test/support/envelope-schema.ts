import * as z from 'zod';
import { ErrorCode } from '../../src/contract/errors';

const forbiddenSchema = z.discriminatedUnion('reason', [
  z.strictObject({ reason: z.enum(['not-admin', 'no-admins-configured']), openId: z.string().min(1) }),
  z.strictObject({ reason: z.enum(['no-openid', 'source', 'cross-account', 'not-timer']) }),
]);

const errorSchema = z
  .strictObject({
    code: z.enum(Object.values(ErrorCode) as [string, ...string[]]),
    message: z.string().min(10).max(2_000),
    errCode: z.number().int().optional(),
    courier: z.strictObject({ code: z.string().max(20), message: z.string().max(100) }).optional(),
    forbidden: forbiddenSchema.optional(),
  })
  // The page tells refusals apart by this field alone: every FORBIDDEN carries it, nothing else does.
  .refine((error) => (error.code === ErrorCode.FORBIDDEN) === (error.forbidden !== undefined), {
    message: 'FORBIDDEN, and only FORBIDDEN, carries `forbidden`',
  });

/** A balance is a count of waybills: whole, never negative, exact. */
const quota = z.number().int().min(0).refine(Number.isSafeInteger);
const time = z.iso.datetime();
const singleSchema = z.strictObject({ deliveryId: z.string(), bizId: z.string(), quotaNum: quota, fetchedAt: time });
const forecastSchema = z.strictObject({
  dailyUsage: z.number().min(0).nullable(),
  daysLeft: z.number().min(0).nullable(),
  runsOutAt: time.nullable(),
  basedOnHours: z.number().min(0),
});
const accountSchema = z.strictObject({
  deliveryId: z.string(),
  deliveryName: z.string(),
  bizId: z.string(),
  alias: z.string(),
  statusCode: z.number().int(),
  status: z.enum(['bound', 'reviewing', 'failed', 'unbound', 'unknown']),
  quotaNum: quota.nullable(),
  quotaSource: z.enum(['live', 'stored', 'snapshot']).nullable(),
  quotaUpdatedAt: time.nullable(),
  error: errorSchema.optional(),
  /** Present in the function's answer, absent from the core's (the CLI and HTTPS callers). */
  forecast: forecastSchema.optional(),
});
const unsupportedSchema = z.strictObject({
  deliveryId: z.string(),
  deliveryName: z.string(),
  bizId: z.string(),
  alias: z.string(),
  reason: z.enum(['no-quota', 'courier-unlisted']),
});
const allSchema = z.looseObject({
  accounts: z.array(accountSchema),
  unsupported: z.array(unsupportedSchema),
  fetchedAt: z.string(),
});

/** Every envelope the function may return: a well-formed answer or a classified error, nothing else. */
export const envelopeSchema = z.union([
  z.strictObject({ ok: z.literal(true), data: z.union([singleSchema, allSchema]) }),
  z.strictObject({ ok: z.literal(false), error: errorSchema }),
]);
