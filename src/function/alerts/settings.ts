import { QuotaError } from '../../core/errors/errors';
import { ErrorCode } from '../../contract/errors';
import { TEMPLATE_KEY_TYPES, fitValue, templateKeyType } from '../../core/alerts/template-rules';
import { ALERT_DAYS_VARIABLE, readAlertDays } from './alert-days';
import { PLACEHOLDERS, PLACEHOLDER_PATTERN, fillTemplate } from './placeholders';
import { DEFAULT_LOW_THRESHOLD } from '../../contract/values';

export const DEFAULT_REPEAT_HOURS = 24;
/** For a template such as 余额不足提醒 with 账号 (thing1), 剩余数量 (number2) and 温馨提示 (thing3). */
export const DEFAULT_ALERT_DATA: Readonly<Record<string, string>> = {
  thing1: '{summary}',
  number2: '{lowestQuota}',
  thing3: '{runsOut}，请及时充值',
};

const MINIPROGRAM_STATES = ['formal', 'trial', 'developer'] as const;
export type MiniprogramState = (typeof MINIPROGRAM_STATES)[number];

export const LOW_THRESHOLD_VARIABLE = 'QUOTA_LOW_THRESHOLD';

/** The environment variables the alert settings come from: the one a mistake names. */
export type AlertVariable =
  | typeof LOW_THRESHOLD_VARIABLE
  | typeof ALERT_DAYS_VARIABLE
  | 'QUOTA_ALERT_DATA'
  | 'QUOTA_ALERT_MINIPROGRAM_STATE'
  | 'QUOTA_ALERT_REPEAT_HOURS';

export interface AlertConfig {
  /** Balances strictly under this are low: for the page, the alerts and the operator command alike. */
  lowThreshold: number;
  /** Undefined when QUOTA_ALERT_TEMPLATE_ID is unset: alerts are off. */
  templateId: string | undefined;
  /** Template data key → text with {placeholders}, each checked against its key's type. */
  data: Readonly<Record<string, string>>;
  repeatMs: number;
  miniprogramState: MiniprogramState;
  /** QUOTA_ALERT_DAYS: an account is low, whatever its balance, when its forecast runs out in fewer days. */
  alertDays: number;
}

/** Like zod's safeParse: the settings, or the variable that is wrong and why. */
export type AlertConfigResult =
  { success: true; config: AlertConfig } | { success: false; variable: AlertVariable; error: QuotaError };

type Env = Readonly<Record<string, string | undefined>>;

/** A setting read: its value, or the variable that is wrong and why (zod's safeParse, for one variable). */
type Read<T> = { ok: true; value: T } | { ok: false; variable: AlertVariable; error: QuotaError };

const valid = <T>(value: T): Read<T> => ({ ok: true, value });

function invalid(variable: AlertVariable, detail: string): Read<never> {
  return {
    ok: false,
    variable,
    error: new QuotaError(
      ErrorCode.CONFIG_INVALID,
      `The function's environment variable ${variable} ${detail}. Fix it in the cloud console (getQuota → configuration).`,
    ),
  };
}

function wholeNumber(env: Env, variable: AlertVariable, fallback: number, min: number): Read<number> {
  const raw = env[variable]?.trim();
  if (!raw) return valid(fallback);
  if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw)))
    return invalid(variable, `must be a whole number of at least ${min}, got "${raw.slice(0, 40)}"`);
  return valid(Number(raw));
}

/** The low-balance threshold, which the page needs too: the one setting whose mistake the page reports as its own. */
export function parseLowThreshold(env: Env): { ok: true; value: number } | { ok: false; error: QuotaError } {
  return wholeNumber(env, LOW_THRESHOLD_VARIABLE, DEFAULT_LOW_THRESHOLD, 0);
}

export function readLowThreshold(env: Env): number {
  const threshold = parseLowThreshold(env);
  if (!threshold.ok) throw threshold.error;
  return threshold.value;
}

/** Why a template text is refused, or undefined: one that can produce a value its key's type refuses is refused here, before any send. */
function keyProblem(key: string, template: string, lowThreshold: number): string | undefined {
  const type = templateKeyType(key);
  if (!type)
    return `has the key "${key}", whose type WeChat does not know: template keys are ${TEMPLATE_KEY_TYPES.join(', ')} followed by a number, such as thing1`;
  const names = [...template.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1] ?? '');
  const unknown = names.find((name) => !(name in PLACEHOLDERS));
  if (unknown !== undefined)
    return `uses {${unknown}}; the placeholders are ${Object.keys(PLACEHOLDERS)
      .map((name) => `{${name}}`)
      .join(' ')}`;
  const variants = Math.max(1, ...names.map((name) => PLACEHOLDERS[name]!.samples(lowThreshold).length));
  for (let index = 0; index < variants; index += 1) {
    const sample = fillTemplate(template, (name) => {
      const samples = PLACEHOLDERS[name]!.samples(lowThreshold);
      return samples[Math.min(index, samples.length - 1)] ?? '';
    });
    const fitted = fitValue(type, sample);
    if (!fitted.ok)
      return `maps ${key} to "${template}", which can produce "${sample}", but a ${type} key takes ${fitted.rule}`;
  }
  return undefined;
}

function alertDataTemplates(raw: string | undefined, lowThreshold: number): Read<Readonly<Record<string, string>>> {
  const text = raw?.trim() ? raw : undefined;
  let parsed: unknown = DEFAULT_ALERT_DATA;
  if (text !== undefined) {
    try {
      parsed = JSON.parse(text);
    } catch {
      return invalid(
        'QUOTA_ALERT_DATA',
        'is not JSON: give an object such as {"thing1":"{summary}","number2":"{lowestQuota}"}',
      );
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length === 0)
    return invalid('QUOTA_ALERT_DATA', 'must be a non-empty JSON object of template keys to texts');
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') return invalid('QUOTA_ALERT_DATA', `maps ${key} to something that is not text`);
    const problem = keyProblem(key, value, lowThreshold);
    if (problem !== undefined) return invalid('QUOTA_ALERT_DATA', problem);
  }
  return valid(parsed as Record<string, string>);
}

function miniprogramState(env: Env): Read<MiniprogramState> {
  const state = env.QUOTA_ALERT_MINIPROGRAM_STATE?.trim() || 'formal';
  if (!(MINIPROGRAM_STATES as readonly string[]).includes(state))
    return invalid(
      'QUOTA_ALERT_MINIPROGRAM_STATE',
      `must be one of ${MINIPROGRAM_STATES.join(', ')}, got "${state.slice(0, 40)}"`,
    );
  return valid(state as MiniprogramState);
}

/**
 * Reads the alert settings without throwing: a mistake names its variable, so the page can keep
 * answering. Read once per instance and value by the function's settings (see settings.ts).
 */
export function parseAlertConfig(env: Env): AlertConfigResult {
  const threshold = wholeNumber(env, LOW_THRESHOLD_VARIABLE, DEFAULT_LOW_THRESHOLD, 0);
  if (!threshold.ok) return failed(threshold);
  const data = alertDataTemplates(env.QUOTA_ALERT_DATA, threshold.value);
  const repeatHours = wholeNumber(env, 'QUOTA_ALERT_REPEAT_HOURS', DEFAULT_REPEAT_HOURS, 1);
  const state = miniprogramState(env);
  const days = readAlertDays(env);
  if (!data.ok) return failed(data);
  if (!repeatHours.ok) return failed(repeatHours);
  if (!state.ok) return failed(state);
  if (!days.success) return { success: false, variable: ALERT_DAYS_VARIABLE, error: days.error };
  return {
    success: true,
    config: {
      lowThreshold: threshold.value,
      templateId: env.QUOTA_ALERT_TEMPLATE_ID?.trim() || undefined,
      data: data.value,
      repeatMs: repeatHours.value * 3_600_000,
      miniprogramState: state.value,
      alertDays: days.days,
    },
  };
}

function failed(read: Extract<Read<unknown>, { ok: false }>): AlertConfigResult {
  return { success: false, variable: read.variable, error: read.error };
}

/** Reads the alert settings; throws CONFIG_INVALID naming the variable that is wrong. */
export function readAlertConfig(env: Env): AlertConfig {
  const result = parseAlertConfig(env);
  if (!result.success) throw result.error;
  return result.config;
}
