import * as z from 'zod';

const MAX_SHOWN_CHARS = 40;

/** A short, safe rendering of an upstream value for a message: never its whole text, never a stack. */
export function showValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  if (Array.isArray(value)) return 'an array';
  // wx-server-sdk parses numbers of more than 15 digits into BigNumber objects (json-bigint).
  if (typeof value === 'object' && typeof (value as { toFixed?: unknown }).toFixed === 'function')
    return 'a number too long to read exactly';
  return `a ${typeof value}`;
}

/**
 * Why `value` is not a balance, or undefined when it is one. A balance is a count of waybills: a whole,
 * non-negative, exactly representable number. Some clients see it as a decimal string ("210").
 */
function balanceProblem(value: unknown): string | undefined {
  if (value === undefined) return 'is missing';
  if (typeof value === 'string') {
    if (/^\d{1,16}$/.test(value)) return balanceProblem(Number(value));
    return /^-\d+$/.test(value)
      ? `must not be negative, got ${showValue(value)}`
      : `must be a whole number of waybills, got ${showValue(value)}`;
  }
  if (typeof value !== 'number' || !Number.isInteger(value))
    return `must be a whole number of waybills, got ${showValue(value)}`;
  if (value < 0) return `must not be negative, got ${showValue(value)}`;
  if (!Number.isSafeInteger(value)) return `is too large to be read exactly, got ${showValue(value)}`;
  return undefined;
}

/** A waybill balance as WeChat gives it: a number, or its decimal string; anything else is named. */
export const balanceSchema = z.unknown().transform((value, context): number => {
  const problem = balanceProblem(value);
  if (problem === undefined) return Number(value);
  context.addIssue({ code: 'custom', message: problem });
  return z.NEVER;
});
