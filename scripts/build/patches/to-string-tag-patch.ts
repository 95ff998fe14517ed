import type { Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SdkPatchError } from './keep-wechat-answer';
import { patchDirective } from './patch-marker';

/** How es-set-tostringtag (which form-data, the node SDK's request body, loads) finds `Object.defineProperty`. */
export const DEFINE_PROPERTY_SNIPPET =
  "var GetIntrinsic = require('get-intrinsic');\n\n" +
  "var $defineProperty = GetIntrinsic('%Object.defineProperty%', true);";

/**
 * es-set-tostringtag with `Object.defineProperty` read directly, as get-intrinsic would answer it when the bundle
 * loads: without get-intrinsic, which builds a table of every JavaScript intrinsic (and loads a dozen helper
 * packages) on each cold start for that one look-up. Throws when the expected code is not there exactly once.
 */
export function patchToStringTagSource(source: string, file: string): string {
  const matches = source.split(DEFINE_PROPERTY_SNIPPET).length - 1;
  if (matches !== 1) {
    throw new SdkPatchError(
      `Build stopped: ${file} does not contain, exactly once, the look-up of Object.defineProperty ` +
        `through get-intrinsic that the build patches to keep get-intrinsic out of a cold start (found ${matches}). ` +
        'es-set-tostringtag was probably upgraded: check how it now finds Object.defineProperty, ' +
        'then update scripts/build/patches/to-string-tag-patch.ts.',
    );
  }
  return source.replace(DEFINE_PROPERTY_SNIPPET, 'var $defineProperty = Object.defineProperty;');
}

/** Applies `patchToStringTagSource` to es-set-tostringtag's index.js while esbuild bundles it. */
export function toStringTagPlugin(): Plugin {
  return {
    name: 'to-string-tag-patch',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]es-set-tostringtag[\\/]index\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        try {
          return {
            contents:
              patchDirective('to-string-tag') + patchToStringTagSource(source, path.relative(process.cwd(), args.path)),
            loader: 'js',
            resolveDir: path.dirname(args.path),
          };
        } catch (error) {
          return { errors: [{ text: (error as Error).message }] };
        }
      });
    },
  };
}
