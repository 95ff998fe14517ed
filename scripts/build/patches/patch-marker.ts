/**
 * The statement a patch puts first in the file it changes: a directive, which JavaScript ignores and
 * esbuild keeps (minified or not, identifiers shortened or not), so that the output shows the patch was applied.
 */
export function patchDirective(name: string): string {
  return `${JSON.stringify(patchMarker(name))};\n`;
}

/** The text patchDirective leaves in the output. */
export function patchMarker(name: string): string {
  return `getQuota build patch: ${name}`;
}
