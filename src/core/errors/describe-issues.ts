import type * as z from 'zod';

const MAX_ISSUES = 3;
/** Unknown keys come from the caller: at most this many are named, each cut to MAX_KEY_CHARS characters. */
export const MAX_KEYS_SHOWN = 5;
export const MAX_KEY_CHARS = 40;

/** A key from the caller as a refusal shows it: quoted on one line, cut to MAX_KEY_CHARS code points. */
function shownKey(key: string): string {
  let cut = '';
  let count = 0;
  for (const character of key) {
    if (count === MAX_KEY_CHARS) return `${JSON.stringify(cut)}…`;
    cut += character;
    count += 1;
  }
  return JSON.stringify(cut);
}

/** zod's `Unrecognized keys: …` names every key in full: a 1 MB key made a 1 MB message. */
function unknownKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, MAX_KEYS_SHOWN).map(shownKey).join(', ');
  const more = keys.length > MAX_KEYS_SHOWN ? ` and ${keys.length - MAX_KEYS_SHOWN} more` : '';
  return `Unrecognized key${keys.length === 1 ? '' : 's'}: ${shown}${more}`;
}

/** `deliveryId: expected string, received number; bizId: required`: the path first, so the field is named. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.map(String).join('.');
    const message = issue.code === 'unrecognized_keys' ? unknownKeys(issue.keys) : issue.message;
    return path ? `${path}: ${message}` : message;
  });
  const more = error.issues.length > MAX_ISSUES ? `; and ${error.issues.length - MAX_ISSUES} more` : '';
  return parts.join('; ') + more;
}
