import { charCount, cutText } from '../graphemes';

/** Subscribe-message key types: WeChat reads a key's type from its name (`thing1` is a thing) and checks its value by it. */
export const TEMPLATE_KEY_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type TemplateKeyType = (typeof TEMPLATE_KEY_TYPES)[number];

interface KeyRule {
  /** The rule as an operator reads it in an error message. */
  text: string;
  /** Long values of free-text types are cut to this many characters rather than refused. */
  cutTo?: number;
  accepts(value: string): boolean;
}

const HAN = /^\p{Script=Han}+$/u;
const DIGITS = /\d/g;
const TIME = '([01]?\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?';
const DATE = '\\d{4}(年\\d{1,2}月\\d{1,2}日|-\\d{1,2}-\\d{1,2})';
const TIME_VALUE = new RegExp(`^(${DATE} )?${TIME}$`);
const DATE_VALUE = new RegExp(`^${DATE}( ${TIME})?$`);
const digitCount = (value: string) => value.match(DIGITS)?.length ?? 0;

/** WeChat's rules per key type (47003 otherwise). No type accepts an empty value. */
export const KEY_RULES: Readonly<Record<TemplateKeyType, KeyRule>> = {
  thing: { text: 'at most 20 characters', cutTo: 20, accepts: (value) => charCount(value) <= 20 },
  number: {
    text: 'at most 32 digits, a decimal point allowed, no sign or other text',
    accepts: (value) => /^\d+(\.\d+)?$/.test(value) && digitCount(value) <= 32,
  },
  letter: { text: 'at most 32 Latin letters and nothing else', accepts: (value) => /^[A-Za-z]{1,32}$/.test(value) },
  symbol: {
    text: 'at most 5 symbols (no letters, digits or spaces)',
    accepts: (value) => /^[^\p{L}\p{N}\s]{1,5}$/u.test(value),
  },
  character_string: {
    text: 'at most 32 letters, digits and ASCII symbols (no Chinese, no spaces)',
    cutTo: 32,
    accepts: (value) => /^[\x21-\x7e]{1,32}$/.test(value),
  },
  time: {
    text: 'a 24-hour time, optionally after a date, such as 15:01 or 2019年10月1日 15:01',
    accepts: (value) => TIME_VALUE.test(value),
  },
  date: {
    text: 'a date, optionally with a 24-hour time, such as 2019年10月1日 or 2019年10月1日 15:01',
    accepts: (value) => DATE_VALUE.test(value),
  },
  amount: {
    text: 'one currency symbol and at most 10 digits, decimals allowed, such as ¥12.50',
    accepts: (value) => /^[¥￥$€£]\d+(\.\d+)?元?$/.test(value) && digitCount(value) <= 10,
  },
  phone_number: {
    text: 'at most 17 digits and phone symbols (+ - ( ))',
    accepts: (value) => /^[\d+\-()]{1,17}$/.test(value) && digitCount(value) > 0,
  },
  car_number: {
    text: 'a licence plate of at most 8 characters (Chinese, capital letters, digits)',
    accepts: (value) => /^[\p{Script=Han}A-Z0-9]{1,8}$/u.test(value),
  },
  name: {
    text: 'at most 10 Chinese characters or at most 20 Latin letters',
    accepts: (value) => (HAN.test(value) && charCount(value) <= 10) || /^[A-Za-z]{1,20}$/.test(value),
  },
  phrase: {
    text: 'at most 5 Chinese characters and nothing else',
    accepts: (value) => HAN.test(value) && charCount(value) <= 5,
  },
};

/** The type a key's name declares (`character_string3` → character_string), or undefined for a name WeChat does not know. */
export function templateKeyType(key: string): TemplateKeyType | undefined {
  const prefix = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  return (TEMPLATE_KEY_TYPES as readonly string[]).includes(prefix ?? '') ? (prefix as TemplateKeyType) : undefined;
}

export type FittedValue = { ok: true; value: string } | { ok: false; rule: string };

/** The value as it will be sent (free text cut to its limit), or the rule it breaks. Empty is never sent. */
export function fitValue(type: TemplateKeyType, value: string): FittedValue {
  const rule = KEY_RULES[type];
  const fitted = rule.cutTo === undefined ? value : cutText(value, rule.cutTo);
  if (fitted.trim() === '') return { ok: false, rule: 'a value that is not empty' };
  return rule.accepts(fitted) ? { ok: true, value: fitted } : { ok: false, rule: rule.text };
}
