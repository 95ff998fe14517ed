import { types } from 'node:util';
import { EXIT } from '../src/cli/exit-status';
import { UsageError } from '../src/cli/strict-args';
import { EnvironmentError } from '../src/cli/quota-target';

export interface ScriptOptions {
  /** How the user runs it, such as `npm start`: every failure line starts with it. */
  name: string;
  /** Said after every failure line, such as where the options are listed or what the script needs installed. */
  hint?: string;
  /** Exits as soon as main settles: miniprogram-ci leaves a compiler process running that would keep Node alive. */
  exitWhenDone?: boolean;
}

/** The parts of `process` a script's ending touches, injectable for tests. */
export interface ScriptProcess {
  stderr: (text: string) => void;
  setExitCode: (code: number) => void;
  exit: (code: number) => void;
}

const nodeProcess: ScriptProcess = {
  stderr: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  exit: (code) => process.exit(code),
};

/** Native errors that mean a bug in the script, not a bad input or a failed step: their stack is what finds it. */
const BUG_NAMES = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError']);

/** Bad options or environment: our own, and node:util parseArgs' (a TypeError with an ERR_PARSE_ARGS_ code). */
function isUsageFailure(error: unknown): boolean {
  if (error instanceof UsageError || error instanceof EnvironmentError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** By name, not instanceof: an error from Node's internals may come from another realm (a test's VM context). */
function isBug(error: unknown): boolean {
  return !types.isNativeError(error) || BUG_NAMES.has(error.name);
}

/** What a failure says on stderr, and the exit status it sets: 2 for bad options or environment, 1 for the rest. */
export function describeFailure(
  error: unknown,
  options: Pick<ScriptOptions, 'name' | 'hint'>,
): { text: string; code: number } {
  const hint = options.hint ? ` (${options.hint})` : '';
  if (isUsageFailure(error))
    return { text: `${options.name}: ${oneLine((error as Error).message)}${hint}\n`, code: EXIT.USAGE };
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
 * Runs a script's main and ends the process the same way for every script: exit status 0 when main
 * settles (or the status it returns), 1 when it fails, 2 for bad options or environment. An expected
 * failure is one line with no stack; a bug (a native TypeError and the like, or a thrown non-Error) keeps its stack.
 */
export async function runScript(
  main: () => Promise<number | void>,
  options: ScriptOptions,
  io: ScriptProcess = nodeProcess,
): Promise<void> {
  let code: number;
  try {
    code = (await main()) ?? EXIT.OK;
  } catch (error) {
    const failure = describeFailure(error, options);
    io.stderr(failure.text);
    code = failure.code;
  }
  if (options.exitWhenDone) io.exit(code);
  else io.setExitCode(code);
}
