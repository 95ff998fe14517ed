import type { Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SdkPatchError } from './keep-wechat-answer';
import { patchDirective } from './patch-marker';

/** How @cloudbase/signature-nodejs (SortedKeyValue) sorts the names it signs. */
export const KEY_SORT_SNIPPET = '.sort((l, r) => l.toString().localeCompare(r))';

const COMPARATOR = path.join(__dirname, 'signed-key-compare.cjs');

/**
 * The SDK's key sorting with the comparator of `signed-key-compare.cjs`: the same order, without
 * starting ICU's collator on a cold start. Throws when the expected code is not there exactly once.
 */
export function patchKeyOrderSource(source: string, file: string): string {
  const matches = source.split(KEY_SORT_SNIPPET).length - 1;
  if (matches !== 1) {
    throw new SdkPatchError(
      `Build stopped: ${file} does not contain, exactly once, ` +
        `the key sorting (${KEY_SORT_SNIPPET}) that the build patches ` +
        `to keep ICU's collator out of a cold start (found ${matches}). ` +
        '@cloudbase/signature-nodejs was probably upgraded: check how it now sorts the names it signs, then update scripts/build/patches/sdk-key-order.ts.',
    );
  }
  return source.replace(KEY_SORT_SNIPPET, `.sort(require(${JSON.stringify(COMPARATOR)}).compareKeys)`);
}

/** Applies `patchKeyOrderSource` to @cloudbase/signature-nodejs's keyvalue.js while esbuild bundles it. */
export function keyOrderPlugin(): Plugin {
  return {
    name: 'sdk-key-order',
    setup(build) {
      build.onLoad(
        { filter: /[\\/]node_modules[\\/]@cloudbase[\\/]signature-nodejs[\\/]lib[\\/]keyvalue\.js$/ },
        async (args) => {
          const source = await readFile(args.path, 'utf8');
          try {
            return {
              contents:
                patchDirective('sdk-key-order') + patchKeyOrderSource(source, path.relative(process.cwd(), args.path)),
              loader: 'js',
              resolveDir: path.dirname(args.path),
            };
          } catch (error) {
            return { errors: [{ text: (error as Error).message }] };
          }
        },
      );
    },
  };
}
