/** A 7-field timer cron (second minute hour day month weekday year), as config.json's trigger gives it. */

const RANGES: ReadonlyArray<[number, number]> = [
  [0, 59],
  [0, 59],
  [0, 23],
];

/** The values one field allows: `*`, `*\/n`, `a`, `a-b`, `a-b/n` and lists of them; undefined when unreadable. */
function fieldValues(field: string, [min, max]: [number, number]): Set<number> | undefined {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) return undefined;
    const from = match[1] === '*' ? min : Number(match[2]);
    const to = match[1] === '*' ? max : match[3] !== undefined ? Number(match[3]) : match[4] ? max : from;
    const step = match[4] ? Number(match[4]) : 1;
    if (from < min || to > max || from > to || step < 1) return undefined;
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/**
 * How many times a day the trigger fires, from its second, minute and hour fields (the day, month, weekday
 * and year fields only pick which days it runs). Undefined when a field is not one this reads.
 */
export function runsPerDay(cron: string): number | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7) return undefined;
  let runs = 1;
  for (const [index, range] of RANGES.entries()) {
    const values = fieldValues(fields[index]!, range);
    if (values === undefined) return undefined;
    runs *= values.size;
  }
  return runs;
}
