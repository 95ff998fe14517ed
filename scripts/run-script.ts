import { types } from 'node:util';
import { EXIT } from '../src/cli/exit-status';
import { UsageError, asksForHelp, parseStrictArgs, type ArgValues, type OptionDefs } from '../src/cli/strict-args';
import { EnvironmentError } from '../src/cli/quota-target';

/** A script's command line: its help text, and the options it takes (strict-args' rule, as `npm run quota`). */
export interface ScriptCommand<D extends OptionDefs> {
  usage: string;
  options: D;
}

export interface ScriptOptions<D extends OptionDefs = OptionDefs> {
  /** How the user runs it, such as `npm start`: every failure line starts with it. */
  name: string;
  /**
   * The command line, read before main runs: `-h`/`--help` anywhere prints the usage (status 0), even
   * beside an unknown option; an unknown, repeated or malformed option is status 2, in one line that
   * points at --help. Left out only by a script that reads its own arguments the same way (quota).
   */
  command?: ScriptCommand<D>;
  /** Said after every failure line, such as where the options are listed or what the script needs installed. */
  hint?: string;
  /** Exits as soon as main settles: miniprogram-ci leaves a compiler process running that would keep Node alive. */
  exitWhenDone?: boolean;
}

/** The parts of `process` a script's ending touches, injectable for tests. */
export interface ScriptProcess {
  argv: readonly string[];
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  setExitCode: (code: number) => void;
  exit: (code: number) => void;
}

const nodeProcess: ScriptProcess = {
  argv: process.argv.slice(2),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  exit: (code) => process.exit(code),
};

/** Native errors that mean a bug in the script, not a bad input or a failed step: their stack is what finds it. */
const BUG_NAMES = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError']);

/** Bad options or environment. */
function isUsageFailure(error: unknown): boolean {
  return error instanceof UsageError || error instanceof EnvironmentError;
}

/** By name, not instanceof: an error from Node's internals may come from another realm (a test's VM context). */
function isBug(error: unknown): boolean {
  return !types.isNativeError(error) || BUG_NAMES.has(error.name);
}

/** What a failure says on stderr, and the exit status it sets: 2 for bad options or environment, 1 for the rest. */
export function describeFailure(
  error: unknown,
  options: Pick<ScriptOptions, 'name' | 'hint' | 'command'>,
): { text: string; code: number } {
  const hint = options.hint ? ` (${options.hint})` : '';
  if (isUsageFailure(error)) {
    const help =
      error instanceof UsageError && options.command ? ` (${options.name} -- --help lists the options)` : hint;
    return { text: `${options.name}: ${oneLine((error as Error).message)}${help}\n`, code: EXIT.USAGE };
  }
  if (isBug(error)) {
    const detail = types.isNativeError(error) ? (error.stack ?? error.message) : String(error);
    return { text: `${options.name}: unexpected failure${hint}\n${detail}\n`, code: EXIT.FAILED };
  }
  return { text: `${options.name}: ${oneLine((error as Error).message)}${hint}\n`, code: EXIT.FAILED };
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

/**
 * Reads the command line, runs a script's main with its options, and ends the process the same way
 * for every script: exit status 0 when main settles (or the status it returns) or help was asked for,
 * 1 when it fails, 2 for bad options or environment. An expected failure is one line with no stack; a
 * bug (a native TypeError and the like, or a thrown non-Error) keeps its stack.
 */
export async function runScript<D extends OptionDefs = OptionDefs>(
  main: (values: ArgValues<D>) => Promise<number | void>,
  options: ScriptOptions<D>,
  io: ScriptProcess = nodeProcess,
): Promise<void> {
  let code: number;
  try {
    const { command } = options;
    if (command && asksForHelp(io.argv)) {
      io.stdout(`${command.usage}\n`);
      code = EXIT.OK;
    } else code = (await main(command ? parseStrictArgs(io.argv, command.options) : {})) ?? EXIT.OK;
  } catch (error) {
    const failure = describeFailure(error, options);
    io.stderr(failure.text);
    code = failure.code;
  }
  if (options.exitWhenDone) io.exit(code);
  else io.setExitCode(code);
}
