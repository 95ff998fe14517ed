import * as z from 'zod';

export const DELIVERY_ID_MAX_CHARS = 32;
export const BIZ_ID_MAX_CHARS = 64;

const noSurroundingSpace = (value: string) => value.trim() === value;
// Control characters never belong in an id and would be mangled on the way to WeChat.
const noControlCharacters = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);
/**
 * Half of a surrogate pair, alone: not Unicode text, so it has no UTF-8 form to send to WeChat (and
 * encodeURIComponent throws "URI malformed" on it). Written out for Node 16, which has no isWellFormed().
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (value: string) => !LONE_SURROGATE.test(value);
/** U+FFFD is what a decoder puts where bytes were not UTF-8: no customer code has it, the real one is lost. */
const noReplacementCharacter = (value: string) => !value.includes('\uFFFD');

/** A courier id such as `YTO`, as listed by getAllDelivery. */
export const deliveryIdSchema = z
  .string({ error: 'must be a string such as "YTO"' })
  .min(1, 'must not be empty: give a courier id such as "YTO"')
  .max(DELIVERY_ID_MAX_CHARS, `must be at most ${DELIVERY_ID_MAX_CHARS} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "_" or "-", as courier ids such as "YTO" do');

/** The merchant's customer code at the courier; may contain Chinese characters. */
export const bizIdSchema = z
  .string({ error: 'must be a string: the customer code of the courier account' })
  .min(1, 'must not be empty: give the customer code of the courier account')
  .max(BIZ_ID_MAX_CHARS, `must be at most ${BIZ_ID_MAX_CHARS} characters`)
  .refine(noSurroundingSpace, 'must not start or end with spaces')
  .refine(noControlCharacters, 'must not contain control characters')
  .refine(wellFormed, 'must be Unicode text: it holds half of a surrogate pair (such as a cut emoji)')
  .refine(
    noReplacementCharacter,
    'must not contain \uFFFD (U+FFFD): the customer code was not UTF-8 on its way here; copy it from the account list',
  );

export const accountKeySchema = z.strictObject({ deliveryId: deliveryIdSchema, bizId: bizIdSchema });
