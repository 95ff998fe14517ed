import * as z from 'zod';
import { camelizeKeys } from './case';
import { ErrorCode, QuotaError } from './errors';
import { errorFromCode } from './to-quota-error';
import { describeIssues } from './describe-issues';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Quota is reported as WeChat gives it; a negative balance is unusual but still a fact worth showing. */
const quota = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const flag = z.union([z.number(), z.boolean()]).transform((value) => value === true || value === 1);

export const quotaAnswerSchema = z.object({ quotaNum: quota });

export const deliveryAnswerSchema = z.object({
  data: z
    .array(
      z.object({
        deliveryId: z.string().min(1),
        deliveryName: z.string().default(''),
        canGetQuota: flag.default(false),
      }),
    )
    .default([]),
});

export const accountAnswerSchema = z.object({
  list: z
    .array(
      z.object({
        bizId: z.string().min(1),
        deliveryId: z.string().min(1),
        statusCode: z.number().int(),
        alias: z.string().default(''),
        quotaNum: quota.optional(),
        quotaUpdateTime: count.optional(),
      }),
    )
    .default([]),
});

export type QuotaAnswer = z.infer<typeof quotaAnswerSchema>;
export type DeliveryAnswer = z.infer<typeof deliveryAnswerSchema>;
export type AccountAnswer = z.infer<typeof accountAnswerSchema>;

/**
 * Validates one upstream answer in either casing. A non-zero errcode in the body is WeChat's refusal
 * (HTTPS answers carry it there); anything else that does not fit the schema is UPSTREAM_INVALID.
 */
export function parseAnswer<S extends z.ZodType>(api: string, schema: S, answer: unknown): z.output<S> {
  const normalized = camelizeKeys(answer);
  if (typeof normalized !== 'object' || normalized === null || Array.isArray(normalized)) {
    throw new QuotaError(ErrorCode.UPSTREAM_INVALID, `${api} answered with ${describeValue(answer)} instead of a JSON object. Try again; if it persists, report it.`);
  }
  const record = normalized as Record<string, unknown>;
  const errCode = record.errCode ?? record.errcode;
  if (typeof errCode === 'number' && errCode !== 0) {
    if (!Number.isSafeInteger(errCode)) {
      throw new QuotaError(ErrorCode.UPSTREAM_INVALID, `${api} answered with an error code that is not a whole number (${String(errCode)}). Try again; if it persists, report it.`);
    }
    const detail = record.errMsg ?? record.errmsg;
    throw errorFromCode(errCode, typeof detail === 'string' ? detail : undefined, api, answer);
  }
  const result = schema.safeParse(record);
  if (!result.success) {
    throw new QuotaError(ErrorCode.UPSTREAM_INVALID, `${api} answered in an unexpected shape (${describeIssues(result.error)}). Try again; if it persists, report it.`, {
      cause: result.error,
    });
  }
  return result.data;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}
