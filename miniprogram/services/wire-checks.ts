/** Small checks the result guards share: the page has no zod (see quota-result.ts). */

export type Reader<T> = (value: unknown) => T | undefined;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
export const isNullableInteger = (value: unknown): value is number | null => value === null || isInteger(value);
/** A finite number, zero or more: usage per day, days, hours. */
export const isAmount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
/** A time the page can place: an ISO 8601 string that Date reads. */
export const isTime = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));

/** Every item read by `read`, or undefined when the value is not a list or any item fails. */
export function readList<T>(value: unknown, read: Reader<T>): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const item of value) {
    const checked = read(item);
    if (checked === undefined) return undefined;
    items.push(checked);
  }
  return items;
}

/** `table[key]` for the table's own keys only, so a name such as "constructor" from the wire finds nothing. */
export function ownValue<K extends string, V>(table: Readonly<Record<K, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key as K] : undefined;
}
