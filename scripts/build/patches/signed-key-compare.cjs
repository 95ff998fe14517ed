// Bundled into function.js by the build (the sdk-key-order entry of scripts/build/patches/patch-table.ts) as the comparator with which
// @cloudbase/signature-nodejs sorts the header and parameter names it signs, in place of
// `l.toString().localeCompare(r)`. The first localeCompare of a process starts ICU's collator, about
// 7 ms of every cold start on Node 16 and 20, for names such as `content-type` and `tcb_sessiontoken`.
// For names of lower-case ASCII letters, digits, '-' and '_' this gives localeCompare's own order
// where the default locale collates them as ICU's root collation does (und, en, zh: checked against
// localeCompare by test/scripts/signed-key-compare.test.ts); any other name or locale goes to localeCompare.
'use strict';

/** Root collation order of the characters handled: punctuation ('_' before '-'), digits, letters. */
const ORDER = '_-0123456789abcdefghijklmnopqrstuvwxyz';
const SIMPLE = /^[a-z0-9_-]*$/;
/** Languages whose collation orders those characters as the root collation does (Danish, Czech, … do not). */
const ROOT_ORDER_LANGUAGES = ['und', 'en', 'zh'];

let rootOrder;

/** Whether the default locale collates as the root does; PluralRules names it without starting the collator. */
function localeHasRootOrder() {
  if (rootOrder === undefined) {
    // A POSIX locale with a modifier (`de_DE@collation=phonebook`) can change the collation: not handled here.
    const posix = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
    rootOrder =
      !posix.includes('@') &&
      ROOT_ORDER_LANGUAGES.includes(new Intl.PluralRules().resolvedOptions().locale.split('-')[0]);
  }
  return rootOrder;
}

/** The sign `left.toString().localeCompare(right)` has, as -1, 0 or 1. */
function compareKeys(left, right) {
  const l = left.toString();
  if (typeof right !== 'string' || !SIMPLE.test(l) || !SIMPLE.test(right) || !localeHasRootOrder())
    return l.localeCompare(right);
  const length = Math.min(l.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const difference = ORDER.indexOf(l[index]) - ORDER.indexOf(right[index]);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return l.length === right.length ? 0 : l.length < right.length ? -1 : 1;
}

exports.compareKeys = compareKeys;
