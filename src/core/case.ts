const MAX_DEPTH = 16;

/** `quota_num` → `quotaNum`; keys already in camelCase are left alone. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * A copy of a JSON value with every object key in camelCase, so that one schema reads both the
 * HTTPS answer (snake_case) and the cloud answer (camelCase). Builds plain own properties only:
 * a `__proto__` key becomes data, never a prototype.
 */
export function camelizeKeys(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => camelizeKeys(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [snakeToCamel(key), camelizeKeys(item, depth + 1)]));
}
