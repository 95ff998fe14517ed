import { occurrences, PATCH_TABLE_FILE, patchMarker, type SourcePatch } from './source-patch';

/**
 * What is wrong with the patches in the written files (function.js and lazy/), one line per patch. The
 * plugin applies a patch only if esbuild loads that very file (a package whose `main` points elsewhere is
 * bundled untouched), so each marker must be in at least one file, and never twice in one (a lazy file
 * may bundle its own copy of a patched package, as axios does form-data's helpers).
 */
export function checkPatchMarkers(
  files: ReadonlyMap<string, Uint8Array | string>,
  patches: readonly SourcePatch[],
): string[] {
  const texts = [...files]
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, contents]) => ({
      file: file.split('\\').join('/'),
      text: typeof contents === 'string' ? contents : Buffer.from(contents).toString('utf8'),
    }));
  const problems: string[] = [];
  for (const patch of patches) {
    const marker = patchMarker(patch.name);
    const counts = texts.map(({ file, text }) => ({ file, found: occurrences(text, marker) }));
    const repeated = counts.filter(({ found }) => found > 1);
    const where = `its marker ${JSON.stringify(marker)} must be in function.js or a lazy file, once in each`;
    const named = `the patch ${patch.name} (${PATCH_TABLE_FILE})`;
    if (repeated.length > 0)
      problems.push(
        `${named} is ${repeated.map(({ file, found }) => `${found} times in ${file}`).join(', ')} ` +
          `(${where}): the patched file was bundled more than once; check why, then update the patch`,
      );
    else if (counts.every(({ found }) => found === 0))
      problems.push(
        `${named} is not in the bundle (${where}): the file it patches was not bundled from where the patch ` +
          'looks for it; check which file of the package the bundle now loads, then update the patch',
      );
  }
  return problems;
}
