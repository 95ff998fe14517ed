/**
 * Remembers the result for the last input: configuration read from environment variables, which
 * the cloud fixes for an instance's life, is then parsed once per instance rather than per call,
 * while a changed input (as in tests) is still parsed afresh. Failures are not remembered.
 */
export function rememberLast<T>(parse: (raw: string) => T): (raw: string) => T {
  let last: { raw: string; value: T } | undefined;
  return (raw) => {
    if (last?.raw !== raw) last = { raw, value: parse(raw) };
    return last.value;
  };
}
