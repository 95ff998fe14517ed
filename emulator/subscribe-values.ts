/**
 * WeChat's check of one subscribe-message value by its key's type (the key name without its
 * number: `thing1` is a thing). Rules as WeChat documents them; a value that fails is refused
 * with 47003 naming the key.
 */
const HAN = '\\p{Script=Han}';
const TIME = '([01]?\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?';
const DATE = '(\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}/\\d{1,2}/\\d{1,2})';
/** A point in time, or a range of two joined by `~`. */
const range = (point: string) => new RegExp(`^${point}(\\s*~\\s*${point})?$`, 'u');

const chars = (value: string) => [...value].length;

const RULES: Record<string, (value: string) => boolean> = {
  thing: (value) => chars(value) <= 20,
  number: (value) => value.length <= 32 && /^\d+(\.\d+)?$/.test(value),
  letter: (value) => /^[A-Za-z]{1,32}$/.test(value),
  symbol: (value) => chars(value) <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(value),
  character_string: (value) => value.length <= 32 && /^[\x20-\x7e]+$/.test(value),
  time: (value) => range(`(${DATE}\\s*)?${TIME}`).test(value),
  date: (value) => range(`${DATE}(\\s*${TIME})?`).test(value),
  amount: (value) => /^[¥￥$€£]?\d{1,10}(\.\d+)?元?$/.test(value),
  phone_number: (value) => /^[\d+\-() #*]{1,17}$/.test(value),
  car_number: (value) =>
    chars(value) <= 8 && new RegExp(`^[${HAN}A-Za-z0-9][A-Za-z0-9]*[${HAN}A-Za-z0-9]?$`, 'u').test(value),
  name: (value) => new RegExp(`^${HAN}{1,10}$`, 'u').test(value) || /^[A-Za-z .·'-]{1,20}$/.test(value),
  phrase: (value) => new RegExp(`^${HAN}{1,5}$`, 'u').test(value),
};

export function keyType(key: string): string {
  return key.replace(/\d+$/, '');
}

/** WeChat's 47003 text for the first template key whose value it refuses, or undefined when all pass. */
export function invalidValue(templateKeys: readonly string[], data: unknown): string | undefined {
  const values = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  for (const key of templateKeys) {
    const entry = values[key];
    const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
      return `argument invalid! data.${key}.value is empty`;
    const rule = RULES[keyType(key)];
    if (typeof value !== 'string' || (rule !== undefined && !rule(value)))
      return `argument invalid! data.${key}.value invalid`;
  }
  return undefined;
}
