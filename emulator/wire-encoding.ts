import type { DatabaseCommand } from '../src/function/database';

/**
 * The database commands the function uses (`db.command`), and how @cloudbase/database encodes a query
 * or an update with them for the wire: what the emulator's database receives from the real SDK.
 */

/** A comparison on one field (`_.in`, `_.lt`, `_.gt`, `_.exists`). */
class QueryCommand {
  constructor(
    readonly operator: string,
    readonly operand: unknown,
  ) {}
}

/** `_.or(...)` of comparisons on one field, which the SDK lifts to a top-level `$or`. */
class OrCommand {
  constructor(readonly operands: readonly unknown[]) {}
}

/** An update command (`_.push`, `_.set`) as the SDK keeps it until it encodes the update. */
class UpdateCommand {
  constructor(
    readonly operator: '$push' | '$set',
    readonly operand: unknown,
  ) {}
}

export const sdkCommand: DatabaseCommand = {
  in: (values) => new QueryCommand('$in', [...values]),
  lt: (value) => new QueryCommand('$lt', value),
  gt: (value) => new QueryCommand('$gt', value),
  or: (...conditions) => new OrCommand(conditions),
  exists: (present) => new QueryCommand('$exists', present),
  push: ({ each, slice }) =>
    new UpdateCommand('$push', { $each: [...each], ...(slice === undefined ? {} : { $slice: slice }) }),
  set: (value) => new UpdateCommand('$set', value),
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

/** Nested plain objects flattened to dotted paths, as the SDK does before it encodes a query or an update. */
function flattened(data: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(data).flatMap(([key, value]): Array<[string, unknown]> =>
    isPlainObject(value) && Object.keys(value).length > 0
      ? flattened(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

function encodeComparison(field: string, command: unknown): Record<string, unknown> {
  if (!(command instanceof QueryCommand)) return { [field]: command };
  return { [field]: { [command.operator]: command.operand } };
}

/** A `where` condition as the wire carries it: `{ field: { $op: operand } }`, a field's `_.or` as a top-level `$or`. */
export function toWireQuery(where: Record<string, unknown>): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [field, value] of flattened(where)) {
    if (value === undefined) continue;
    if (value instanceof OrCommand)
      wire.$or = [
        ...((wire.$or as unknown[] | undefined) ?? []),
        ...value.operands.map((operand) => encodeComparison(field, operand)),
      ];
    else Object.assign(wire, encodeComparison(field, value));
  }
  return wire;
}

/** An update's data as the wire carries it: plain fields as dotted `$set`s (no sibling replaced), commands as their operators. */
export function toWireUpdate(data: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const update: Record<string, Record<string, unknown>> = {};
  for (const [path, value] of flattened(data)) {
    if (value instanceof UpdateCommand) (update[value.operator] ??= {})[path] = value.operand;
    else (update.$set ??= {})[path] = value;
  }
  return update;
}
