import { ErrorCode, QuotaError } from '../core/errors';

export const DEFAULT_LOW_THRESHOLD = 100;
export const DEFAULT_REPEAT_HOURS = 24;
/** For a template such as 余额不足提醒 with 账号 (thing1), 剩余数量 (number2) and 温馨提示 (thing3). */
export const DEFAULT_ALERT_DATA: Readonly<Record<string, string>> = {
  thing1: '{courier} {account}',
  number2: '{quota}',
  thing3: '余额低于{threshold}单，请及时充值',
};
export const ALERT_PLACEHOLDERS = ['courier', 'account', 'deliveryId', 'bizId', 'quota', 'threshold', 'time'] as const;

const MINIPROGRAM_STATES = ['formal', 'trial', 'developer'] as const;
export type MiniprogramState = (typeof MINIPROGRAM_STATES)[number];

export interface AlertConfig {
  /** Balances strictly under this are low: for the page, the alerts and the operator command alike. */
  threshold: number;
  /** Undefined when QUOTA_ALERT_TEMPLATE_ID is unset: alerts are off. */
  templateId: string | undefined;
  /** Template data key → text with {placeholders}. */
  data: Readonly<Record<string, string>>;
  repeatMs: number;
  miniprogramState: MiniprogramState;
}

function invalid(variable: string, detail: string): QuotaError {
  return new QuotaError(ErrorCode.CONFIG_INVALID, `The function's environment variable ${variable} ${detail}. Fix it in the cloud console (getQuota → configuration).`);
}

function wholeNumber(env: Readonly<Record<string, string | undefined>>, variable: string, fallback: number, min: number): number {
  const raw = env[variable]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) throw invalid(variable, `must be a whole number of at least ${min}, got "${raw}"`);
  return Number(raw);
}

function alertData(raw: string | undefined): Readonly<Record<string, string>> {
  if (!raw?.trim()) return DEFAULT_ALERT_DATA;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('QUOTA_ALERT_DATA', 'is not JSON: give an object such as {"thing1":"{courier} {account}","number2":"{quota}"}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length === 0) {
    throw invalid('QUOTA_ALERT_DATA', 'must be a non-empty JSON object of template keys to texts');
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (!/^[a-z_]+\d+$/.test(key)) throw invalid('QUOTA_ALERT_DATA', `has the key "${key}", which is not a template key such as thing1 or number2`);
    if (typeof value !== 'string') throw invalid('QUOTA_ALERT_DATA', `maps ${key} to something that is not text`);
    const unknown = [...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).find((name) => !(ALERT_PLACEHOLDERS as readonly string[]).includes(name ?? ''));
    if (unknown) throw invalid('QUOTA_ALERT_DATA', `uses {${unknown}}; the placeholders are ${ALERT_PLACEHOLDERS.map((name) => `{${name}}`).join(' ')}`);
  }
  return parsed as Record<string, string>;
}

/** Reads the alert settings; throws CONFIG_INVALID naming the variable that is wrong. */
export function readAlertConfig(env: Readonly<Record<string, string | undefined>>): AlertConfig {
  const state = env.QUOTA_ALERT_MINIPROGRAM_STATE?.trim() || 'formal';
  if (!(MINIPROGRAM_STATES as readonly string[]).includes(state)) throw invalid('QUOTA_ALERT_MINIPROGRAM_STATE', `must be one of ${MINIPROGRAM_STATES.join(', ')}, got "${state}"`);
  return {
    threshold: wholeNumber(env, 'QUOTA_LOW_THRESHOLD', DEFAULT_LOW_THRESHOLD, 0),
    templateId: env.QUOTA_ALERT_TEMPLATE_ID?.trim() || undefined,
    data: alertData(env.QUOTA_ALERT_DATA),
    repeatMs: wholeNumber(env, 'QUOTA_ALERT_REPEAT_HOURS', DEFAULT_REPEAT_HOURS, 1) * 3_600_000,
    miniprogramState: state as MiniprogramState,
  };
}
