import type { AccountQuota } from '../core/all-accounts';
import type { AlertConfig } from './alert-config';

/** WeChat's length limits per template field type; longer values are refused with 47003. */
const MAX_CHARS: Record<string, number> = { thing: 20, phrase: 5, name: 10, symbol: 5, car_number: 8, phone_number: 17, character_string: 32, number: 32, letter: 32 };
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `2026-11-29 09:00` in China time, whatever the runtime's time zone. */
export function chinaTime(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The template data for one low account: each configured text with its placeholders filled and cut to fit. */
export function alertData(account: AccountQuota, config: AlertConfig, now: number): Record<string, { value: string }> {
  const values: Record<string, string> = {
    courier: account.deliveryName || account.deliveryId,
    account: account.alias || account.bizId,
    deliveryId: account.deliveryId,
    bizId: account.bizId,
    quota: String(account.quotaNum ?? ''),
    threshold: String(config.threshold),
    time: chinaTime(now),
  };
  return Object.fromEntries(
    Object.entries(config.data).map(([key, template]) => {
      const text = template.replace(/\{(\w+)\}/g, (_match, name: string) => values[name] ?? '');
      const limit = MAX_CHARS[key.replace(/\d+$/, '')];
      return [key, { value: limit === undefined ? text : [...text].slice(0, limit).join('') }];
    }),
  );
}
