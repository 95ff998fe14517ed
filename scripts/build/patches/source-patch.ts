import type { Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The table of every patch: where a refusal tells the maintainer to look. */
export const PATCH_TABLE_FILE = 'scripts/build/patches/patch-table.ts';

/** A change the build makes to one file of a bundled package while esbuild loads it. */
export interface SourcePatch {
  /** Names the patch in its marker and in the build's refusal. */
  name: string;
  /** The package whose upgrade would move the patched code, as the refusal names it. */
  upstream: string;
  /** The file the patch changes, under node_modules. */
  module: RegExp;
  /** The code it replaces, which proves the file is still the one patched: it must be there exactly once. */
  find: string | RegExp;
  /** What takes its place; given the file's absolute path, for a replacement read from beside it. */
  replace: string | ((file: string) => string);
  /** What the patch is for, as the refusal says it: "to keep …". */
  why: string;
  /** What to look at in the upgraded package. */
  check: string;
}

export class PatchError extends Error {
  override readonly name = 'PatchError' as const;
}

/**
 * The statement a patch puts first in the file it changes: a directive, which JavaScript ignores and
 * esbuild keeps (minified or not, identifiers shortened or not), so that the output shows the patch was applied.
 */
export function patchMarker(name: string): string {
  return `getQuota build patch: ${name}`;
}

/** How often `find` occurs in `within`, counting occurrences that do not overlap. */
export function occurrences(within: string, find: string | RegExp): number {
  if (typeof find === 'string') return within.split(find).length - 1;
  return within.match(new RegExp(find.source, `${find.flags.replace('g', '')}g`))?.length ?? 0;
}

/**
 * `source` (of `file`, shown as `shownAs`) with the patch applied and its marker first; throws a
 * PatchError naming the file, the patch and what to check when the code it replaces is not there exactly once.
 */
export function applyPatch(source: string, patch: SourcePatch, file: string, shownAs = file): string {
  const found = occurrences(source, patch.find);
  if (found !== 1)
    throw new PatchError(
      `Build stopped: ${shownAs} does not contain, exactly once, the code that the build patches ${patch.why} ` +
        `(found ${found}). ${patch.upstream} was probably upgraded: check ${patch.check}, ` +
        `then update the patch ${patch.name} in ${PATCH_TABLE_FILE}.`,
    );
  const replacement = typeof patch.replace === 'string' ? patch.replace : patch.replace(file);
  return `${JSON.stringify(patchMarker(patch.name))};\n${source.replace(patch.find, () => replacement)}`;
}

/** The one plugin that applies every patch of `patches` to its file while esbuild loads it. */
export function sourcePatchesPlugin(patches: readonly SourcePatch[]): Plugin {
  return {
    name: 'source-patches',
    setup(build) {
      if (patches.length === 0) return;
      const filter = new RegExp(patches.map((patch) => `(?:${patch.module.source})`).join('|'));
      build.onLoad({ filter }, async (args) => {
        const shownAs = path.relative(process.cwd(), args.path);
        let source = await readFile(args.path, 'utf8');
        try {
          for (const patch of patches.filter(({ module }) => module.test(args.path)))
            source = applyPatch(source, patch, args.path, shownAs);
        } catch (error) {
          if (error instanceof PatchError) return { errors: [{ text: error.message }] };
          throw error;
        }
        return { contents: source, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}
