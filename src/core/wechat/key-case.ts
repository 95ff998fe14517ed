const MAX_DEPTH = 16;

/** `quota_num` → `quotaNum`; keys already in camelCase are left alone. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** `templateId` → `template_id`, as wx-server-sdk converts parameters. */
export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * A copy of a JSON value with every object key renamed, recursively. Builds plain own properties
 * only: a `__proto__` key becomes data, never a prototype.
 */
function renameKeys(value: unknown, rename: (key: string) => string, depth: number): unknown {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [rename(key), renameKeys(item, rename, depth + 1)]),
  );
}

/**
 * Every key in camelCase, so that one schema reads both the HTTPS answer (snake_case) and the cloud
 * answer (camelCase).
 */
export function camelizeKeys(value: unknown): unknown {
  return renameKeys(value, snakeToCamel, 0);
}

/** Every key in snake_case, as the SDK sends parameters. */
export function snakeCaseKeys(value: unknown): unknown {
  return renameKeys(value, camelToSnake, 0);
}
