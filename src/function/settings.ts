import { rememberLast } from '../core/memo';
import { parseRobotAddresses, WEBHOOKS_VARIABLE, type RobotAddresses } from '../core/alerts/robots/robot-address';
import type { QuotaError } from '../core/errors/errors';
import { ADMIN_OPENIDS_VARIABLE, parseAdminOpenIds } from './access/authorize';
import { ALERT_DAYS_VARIABLE, readAlertDays } from './alerts/alert-days';
import { LOW_THRESHOLD_VARIABLE, parseAlertConfig, parseLowThreshold, type AlertConfigResult } from './alerts/settings';

/** Every variable of the function's own settings (the caller checks read theirs in authorize.ts). */
export const SETTING_VARIABLES = [
  ADMIN_OPENIDS_VARIABLE,
  LOW_THRESHOLD_VARIABLE,
  ALERT_DAYS_VARIABLE,
  'QUOTA_ALERT_TEMPLATE_ID',
  'QUOTA_ALERT_DATA',
  'QUOTA_ALERT_REPEAT_HOURS',
  'QUOTA_ALERT_MINIPROGRAM_STATE',
  WEBHOOKS_VARIABLE,
] as const;

/** The function's settings, each read once into a typed value: valid, or what is wrong with it. */
export interface Settings {
  admins: readonly string[];
  /** The threshold, or its mistake: the page's own error (CONFIG_INVALID), since it marks balances by it. */
  lowThreshold: { ok: true; value: number } | { ok: false; error: QuotaError };
  /** Usable even when the variable is wrong (the default): the page keeps marking; timer runs stop on `alerts`. */
  alertDays: number;
  alerts: AlertConfigResult;
  robots: RobotAddresses;
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env): Settings {
  return {
    admins: [...parseAdminOpenIds(env[ADMIN_OPENIDS_VARIABLE])],
    lowThreshold: parseLowThreshold(env),
    alertDays: readAlertDays(env).days,
    alerts: parseAlertConfig(env),
    robots: parseRobotAddresses(env[WEBHOOKS_VARIABLE]),
  };
}

const remembered = rememberLast((key: string) => read(JSON.parse(key) as Env));

/**
 * The settings for this environment: parsed and checked once per instance, and again only when a
 * value changes (the console's new values reach a warm instance).
 */
export function readSettings(env: Env): Settings {
  return remembered(JSON.stringify(Object.fromEntries(SETTING_VARIABLES.map((name) => [name, env[name]]))));
}
