/**
 * The cloud database's query language as @cloudbase/database encodes it on the wire (MongoDB style,
 * nested fields flattened to `a.b`): equality, `$eq $ne $lt $lte $gt $gte $in $nin $exists`,
 * `$and $or $nor` and `$not`. An operator it does not know is refused, never silently matched.
 */
export type DbDocument = Record<string, unknown>;

export class UnsupportedQuery extends Error {
  override readonly name = 'UnsupportedQuery';
}

export function getPath(document: unknown, path: string): unknown {
  let value: unknown = document;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Total order across the types the function stores: null < numbers < strings < booleans, as MongoDB does. */
export function compare(left: unknown, right: unknown): number {
  const rank = (value: unknown) =>
    value === undefined || value === null
      ? 0
      : typeof value === 'number'
        ? 1
        : typeof value === 'string'
          ? 2
          : typeof value === 'boolean'
            ? 3
            : 4;
  const byRank = rank(left) - rank(right);
  if (byRank !== 0) return byRank;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return JSON.stringify(left) === JSON.stringify(right) ? 0 : JSON.stringify(left) < JSON.stringify(right) ? -1 : 1;
}

function equal(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) && !Array.isArray(right)) return left.some((item) => equal(item, right));
  return compare(left, right) === 0;
}

/** Same type and ordered: `$lt: 5` never matches a string, as in MongoDB. */
function ordered(value: unknown, operand: unknown, test: (order: number) => boolean): boolean {
  if (value === undefined || value === null || typeof value !== typeof operand) return false;
  return test(compare(value, operand));
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((key) => key.startsWith('$'))
  );
}

function matchesCondition(value: unknown, condition: unknown): boolean {
  if (!isOperatorObject(condition)) return equal(value, condition);
  return Object.entries(condition).every(([operator, operand]) => {
    switch (operator) {
      case '$eq':
        return equal(value, operand);
      case '$ne':
        return !equal(value, operand);
      case '$lt':
        return ordered(value, operand, (order) => order < 0);
      case '$lte':
        return ordered(value, operand, (order) => order <= 0);
      case '$gt':
        return ordered(value, operand, (order) => order > 0);
      case '$gte':
        return ordered(value, operand, (order) => order >= 0);
      case '$in':
        return Array.isArray(operand) && operand.some((item) => equal(value, item));
      case '$nin':
        return Array.isArray(operand) && !operand.some((item) => equal(value, item));
      case '$exists':
        return (value !== undefined) === Boolean(operand);
      case '$not':
        return !matchesCondition(value, operand);
      default:
        throw new UnsupportedQuery(`the query operator ${operator} is not emulated`);
    }
  });
}

export function matches(document: DbDocument, query: unknown): boolean {
  if (typeof query !== 'object' || query === null) return true;
  return Object.entries(query as Record<string, unknown>).every(([key, condition]) => {
    switch (key) {
      case '$and':
        return Array.isArray(condition) && condition.every((part) => matches(document, part));
      case '$or':
        return Array.isArray(condition) && condition.some((part) => matches(document, part));
      case '$nor':
        return Array.isArray(condition) && !condition.some((part) => matches(document, part));
      default:
        if (key.startsWith('$')) throw new UnsupportedQuery(`the query operator ${key} is not emulated`);
        return matchesCondition(getPath(document, key), condition);
    }
  });
}
