import * as z from 'zod';
import { camelizeKeys } from './key-case';
import { balanceSchema } from './balance';
import { QuotaError } from '../errors/errors';
import { ErrorCode } from '../../contract/errors';
import { errorFromCode, errorFromMalformedCode, readWechatCode } from '../errors/to-quota-error';
import { describeIssues } from '../errors/describe-issues';

/** getQuota's answer: the live balance, a whole non-negative number (or its decimal string). */
export const quotaAnswerSchema = z.object({ quotaNum: balanceSchema });

export type QuotaAnswer = z.infer<typeof quotaAnswerSchema>;

/**
 * Validates one upstream answer in either casing. A non-zero errcode in the body is WeChat's refusal
 * (HTTPS answers carry it there), read as wx-server-sdk reads it on the cloud path, so that both
 * transports agree; anything else that does not fit the schema is UPSTREAM_INVALID.
 */
export function parseAnswer<S extends z.ZodType>(api: string, schema: S, answer: unknown): z.output<S> {
  const normalized = camelizeKeys(answer);
  if (typeof normalized !== 'object' || normalized === null || Array.isArray(normalized)) {
    throw new QuotaError(
      ErrorCode.UPSTREAM_INVALID,
      `${api} answered with ${describeValue(answer)} instead of a JSON object. Try again; if it persists, report it.`,
    );
  }
  const record = normalized as Record<string, unknown>;
  const code = readWechatCode(record.errCode ?? record.errcode);
  const detail = record.errMsg ?? record.errmsg;
  if (code.kind === 'code')
    throw errorFromCode(code.code, typeof detail === 'string' ? detail : undefined, api, answer);
  if (code.kind === 'malformed')
    throw errorFromMalformedCode(code.shown, typeof detail === 'string' ? detail : undefined, api, answer);
  const result = schema.safeParse(record);
  if (!result.success) {
    throw new QuotaError(
      ErrorCode.UPSTREAM_INVALID,
      `${api} answered in an unexpected shape (${describeIssues(result.error)}). Try again; if it persists, report it.`,
      {
        cause: result.error,
      },
    );
  }
  return result.data;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}
