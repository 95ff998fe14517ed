import type { Caller } from './authorize';

/** The keys of `cloud.getWXContext()` that identify the caller; the SDK reads each from `WX_<KEY>`. */
const CALLER_KEYS = { openId: 'OPENID', appId: 'APPID', fromOpenId: 'FROM_OPENID', fromAppId: 'FROM_APPID' } as const;

/**
 * One context value as text. wx-server-sdk turns any value made only of digits into a number
 * (`parseInt`), which loses digits past 2^53; the cloud's own text, still in the environment, is exact.
 */
function asText(value: unknown, rawText: string | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value))
    return rawText !== undefined && /^-?\d+$/.test(rawText.trim()) ? rawText.trim() : String(value);
  return undefined;
}

/** The caller as the cloud describes it, every id read as a string whatever type the SDK gave it. */
export function readCaller(
  context: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
): Caller {
  const caller: Caller = { source: asText(context.SOURCE, undefined) };
  for (const [field, key] of Object.entries(CALLER_KEYS) as Array<[keyof typeof CALLER_KEYS, string]>) {
    const text = asText(context[key], env[`WX_${key}`]);
    if (text !== undefined && text !== '') caller[field] = text;
  }
  return caller;
}
