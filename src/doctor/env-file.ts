import { EnvironmentError } from '../cli/quota-target';

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;

/**
 * Reads a KEY=VALUE file of the function's variables (and the doctor's own WX_…): one per line, `#`
 * comment lines and blank lines ignored, an optional `export ` before the name, the value taken as it
 * is to the end of the line, trimmed, with one pair of surrounding quotes removed. A line that is none
 * of these is named by its number, never echoed: it may hold a secret.
 */
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const values: Record<string, string> = {};
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const match = LINE.exec(trimmed);
      if (!match)
        throw new EnvironmentError(`${file} line ${index + 1} is not KEY=VALUE (such as QUOTA_LOW_THRESHOLD=50)`);
      const value = match[2]!.trim();
      const quoted = /^(["'])(.*)\1$/.exec(value);
      values[match[1]!] = quoted ? quoted[2]! : value;
    });
  return values;
}

/**
 * The environment the doctor checks: the file's values, under the environment's where those are set and
 * not empty (as with node --env-file: a variable already set wins; an empty one counts as unset).
 */
export function mergeEnv(
  env: Readonly<Record<string, string | undefined>>,
  file: Readonly<Record<string, string>>,
): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...file };
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value.trim() !== '') merged[key] = value;
  return merged;
}
