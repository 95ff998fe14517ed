/** One command-line option: a flag, or an option that takes a value (`--low 100` or `--low=100`). */
export interface OptionDef {
  type: 'string' | 'boolean';
  /** What the value is, for the message when it is missing, such as `a whole number, 0 or more`. */
  hint?: string;
}

export type OptionDefs = Readonly<Record<string, OptionDef>>;

export type ArgValues<D extends OptionDefs> = {
  -readonly [K in keyof D]?: D[K]['type'] extends 'boolean' ? boolean : string;
};

/** A bad command line; its message is one line that says what was wrong. */
export class UsageError extends Error {
  override readonly name = 'UsageError' as const;
}

const HELP_FLAGS = new Set(['--help', '-h']);

/** Whether help was asked for anywhere among the options: help wins over every other option, valid or not. */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => HELP_FLAGS.has(arg));
}

/** Text from the command line, quoted and escaped, so that a message about it stays on one line. */
export function quoted(text: string): string {
  return JSON.stringify(text);
}

/**
 * Parses options strictly: unknown options, positional arguments, repeated options, values given to
 * flags and missing values are UsageErrors. A value may start with `-` (`--low -1` reads "-1" and is
 * then refused by the option's own check, with its range), but not with `--`: that is the next option.
 */
export function parseStrictArgs<D extends OptionDefs>(argv: readonly string[], defs: D): ArgValues<D> {
  const values: Record<string, string | boolean> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') {
      const next = argv[index + 1];
      if (next !== undefined)
        throw new UsageError(`unexpected argument ${quoted(next)}: this command takes options only`);
      break;
    }
    if (!arg.startsWith('--')) {
      throw new UsageError(
        arg.startsWith('-') && arg.length > 1
          ? `unknown option ${quoted(arg)}`
          : `unexpected argument ${quoted(arg)}: this command takes options only`,
      );
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const def = Object.hasOwn(defs, name) ? defs[name] : undefined;
    if (!def) throw new UsageError(`unknown option ${quoted(`--${name}`)}`);
    if (Object.hasOwn(values, name)) throw new UsageError(`--${name} is given more than once: give it once`);
    if (def.type === 'boolean') {
      if (equals !== -1) throw new UsageError(`--${name} takes no value, got ${quoted(arg.slice(equals + 1))}`);
      values[name] = true;
      continue;
    }
    const value = equals === -1 ? argv[index + 1] : arg.slice(equals + 1);
    if (equals === -1) {
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`--${name} needs a value${def.hint ? `: ${def.hint}` : ''}`);
      index += 1;
    }
    values[name] = value!;
  }
  return values as ArgValues<D>;
}
