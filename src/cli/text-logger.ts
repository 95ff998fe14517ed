import type { LogFields, Logger } from '../core/logger';

/** A value as `key=value` shows it: bare when plain, JSON-quoted when it has spaces, quotes or control characters. */
function shown(value: string | number | boolean): string {
  const text = String(value);
  return /^[^\s"'=\u0000-\u001f\u007f]+$/.test(text) ? text : JSON.stringify(text);
}

/**
 * Warnings (retries, failed accounts) as stderr lines: `quota: warn: message (key=value …)`, one line
 * each whatever the values hold. Nothing here masks secrets: what reaches a log was masked where it
 * entered (src/https/wechat-http.ts).
 */
export function createTextLogger(write: (text: string) => void): Logger {
  const emit = (level: string, message: string, fields?: LogFields) => {
    const details = Object.entries(fields ?? {})
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
      .map(([key, value]) => `${key}=${shown(value)}`)
      .join(' ');
    write(`quota: ${level}: ${details ? `${message} (${details})` : message}\n`);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}
