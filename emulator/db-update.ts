import { storedCopy } from './db-copy';
import { UnsupportedQuery, compare, getPath, type DbDocument } from './db-match';

/**
 * The update operators as @cloudbase/database encodes them (`_.set` → `$set`, `_.inc` → `$inc`,
 * `_.remove` → `$unset`, `_.mul`, `_.min`, `_.max`, `_.push` (with `each` and `slice`), `_.addToSet`, `_.pop`/`_.shift`
 * → `$pop`), applied to a copy of the document. Plain fields arrive as `$set` already.
 */
function setPath(document: DbDocument, path: string, value: unknown): void {
  const parts = path.split('.');
  let target: Record<string, unknown> = document;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (typeof next !== 'object' || next === null) target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]!] = value;
}

function unsetPath(document: DbDocument, path: string): void {
  const parts = path.split('.');
  const parent = parts.length === 1 ? document : getPath(document, parts.slice(0, -1).join('.'));
  if (typeof parent === 'object' && parent !== null)
    delete (parent as Record<string, unknown>)[parts[parts.length - 1]!];
}

function numeric(path: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number')
    throw new UnsupportedQuery(`cannot apply a numeric update to the non-number field ${path}`);
  return value;
}

/** `$slice` of a `$push`: keep the first n (n ≥ 0) or the last -n (n < 0) items after appending. */
function sliced(items: unknown[], operand: unknown): unknown[] {
  if (typeof operand !== 'object' || operand === null || !('$slice' in operand)) return items;
  const slice = Number(operand.$slice);
  if (!Number.isInteger(slice)) throw new UnsupportedQuery(`$slice must be an integer, got ${String(slice)}`);
  return slice >= 0 ? items.slice(0, slice) : items.slice(slice);
}

function eachOf(operand: unknown): unknown[] {
  if (typeof operand === 'object' && operand !== null && '$each' in operand)
    return (operand as { $each: unknown[] }).$each;
  return [operand];
}

const OPERATORS: Record<string, (document: DbDocument, path: string, operand: unknown) => void> = {
  $set: (document, path, operand) => setPath(document, path, operand),
  $unset: (document, path) => unsetPath(document, path),
  $inc: (document, path, operand) => setPath(document, path, numeric(path, getPath(document, path)) + Number(operand)),
  $mul: (document, path, operand) => setPath(document, path, numeric(path, getPath(document, path)) * Number(operand)),
  $min: (document, path, operand) => {
    const current = getPath(document, path);
    if (current === undefined || compare(operand, current) < 0) setPath(document, path, operand);
  },
  $max: (document, path, operand) => {
    const current = getPath(document, path);
    if (current === undefined || compare(operand, current) > 0) setPath(document, path, operand);
  },
  $push: (document, path, operand) => {
    const current = getPath(document, path);
    const existing: unknown[] = Array.isArray(current) ? current : [];
    setPath(document, path, sliced([...existing, ...eachOf(operand)], operand));
  },
  $addToSet: (document, path, operand) => {
    const current = Array.isArray(getPath(document, path)) ? [...(getPath(document, path) as unknown[])] : [];
    for (const item of eachOf(operand))
      if (!current.some((existing) => compare(existing, item) === 0)) current.push(item);
    setPath(document, path, current);
  },
  $pop: (document, path, operand) => {
    const current = getPath(document, path);
    if (Array.isArray(current)) setPath(document, path, Number(operand) < 0 ? current.slice(1) : current.slice(0, -1));
  },
};

export function applyUpdate(document: DbDocument, update: Record<string, unknown>): DbDocument {
  const next = storedCopy(document);
  for (const [operator, fields] of Object.entries(update)) {
    const apply = OPERATORS[operator];
    if (!apply) throw new UnsupportedQuery(`the update operator ${operator} is not emulated`);
    for (const [path, operand] of Object.entries(fields as Record<string, unknown>)) {
      if (path === '_id') throw new UnsupportedQuery('the _id of a document cannot be updated');
      apply(next, path, operand);
    }
  }
  return next;
}
