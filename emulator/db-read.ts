import { storedCopy } from './db-copy';
import { compare, getPath, type DbDocument } from './db-match';

/** orderBy (`{ field: 1 | -1 }`, in the order given), then skip and limit, as the database applies them. */
export function orderAndPage<T extends DbDocument>(documents: T[], order: unknown, offset: number, limit: number): T[] {
  const keys = typeof order === 'object' && order !== null ? Object.entries(order as Record<string, unknown>) : [];
  const sorted =
    keys.length === 0
      ? documents
      : [...documents].sort((left, right) => {
          for (const [path, direction] of keys) {
            const order = compare(getPath(left, path), getPath(right, path));
            if (order !== 0) return Number(direction) < 0 ? -order : order;
          }
          return 0;
        });
  return sorted.slice(Math.max(0, offset), Math.max(0, offset) + limit);
}

/**
 * field(): `{ a: 1 }` keeps only `a` (and `_id`); `{ a: 0 }` drops `a`. A dotted path (`{ "p.k": 1 }`)
 * keeps or drops that nested field only, as MongoDB does.
 */
export function project(document: DbDocument, projection: unknown): DbDocument {
  if (typeof projection !== 'object' || projection === null) return document;
  const entries = Object.entries(projection as Record<string, unknown>);
  if (entries.length === 0) return document;
  const including = entries.some(([, flag]) => Number(flag) > 0);
  if (including) {
    const kept: DbDocument = { _id: document._id };
    for (const [path, flag] of entries) if (Number(flag) > 0) copyPath(document, kept, path.split('.'));
    return kept;
  }
  const rest = storedCopy(document);
  for (const [path] of entries) dropPath(rest, path.split('.'));
  return rest;
}

function copyPath(from: DbDocument, to: DbDocument, parts: readonly string[]): void {
  const [head, ...tail] = parts as [string, ...string[]];
  if (!(head in from)) return;
  const value = from[head];
  if (tail.length === 0) {
    to[head] = storedCopy(value);
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const target = (typeof to[head] === 'object' && to[head] !== null ? to[head] : (to[head] = {})) as DbDocument;
  copyPath(value as DbDocument, target, tail);
}

function dropPath(document: DbDocument, parts: readonly string[]): void {
  const [head, ...tail] = parts as [string, ...string[]];
  if (tail.length === 0) {
    delete document[head];
    return;
  }
  const value = document[head];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) dropPath(value as DbDocument, tail);
}
