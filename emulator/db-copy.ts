import { EJSON } from 'bson';

/**
 * A deep copy of a value as the database stores it (through EJSON, as BSON would keep it): what a caller
 * holds never aliases what is stored. Unlike structuredClone it also runs in the page tests' jsdom.
 */
export function storedCopy<T>(value: T): T {
  if (value === undefined) return value;
  return EJSON.parse(EJSON.stringify(value, { relaxed: true }), { relaxed: true }) as T;
}
