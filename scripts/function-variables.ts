/** The function's own settings: what the cloud console sets on getQuota, all named QUOTA_…. */
const FUNCTION_VARIABLE = /^QUOTA_[A-Z0-9_]+$/;
/** Settings whose values are secrets (robot addresses, keys): said to be set, never shown. */
const SECRET_VARIABLE = /WEBHOOK|SECRET|KEY|TOKEN/;

/** The function's variables set in `env` (the shell `npm start` runs in), for the emulated function. */
export function functionVariables(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => FUNCTION_VARIABLE.test(entry[0]) && entry[1] !== undefined,
    ),
  );
}

/** One line saying which of them the run uses, secrets masked. */
export function describeFunctionVariables(variables: Readonly<Record<string, string>>): string {
  const names = Object.keys(variables).sort();
  if (names.length === 0)
    return 'Function variables: none from your shell (set QUOTA_… there to try a setting locally)';
  const shown = names.map((name) =>
    SECRET_VARIABLE.test(name) ? `${name}=(set, not shown)` : `${name}=${JSON.stringify(variables[name])}`,
  );
  return `Function variables from your shell: ${shown.join(', ')}`;
}
