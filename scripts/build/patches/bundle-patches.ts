import type { Plugin } from 'esbuild';
import { keepWechatAnswerPlugin } from './keep-wechat-answer';
import { keyOrderPlugin } from './sdk-key-order';
import { sdkUrlPlugins } from './sdk-url-patch';
import { sdkVersionPlugin } from './sdk-version-plugin';
import { toStringTagPlugin } from './to-string-tag-patch';
import { JSON_SCHEMA_LEFT_OUT, zodWithoutJsonSchemaPlugin } from './zod-json-schema';
import { patchMarker } from './patch-marker';

/**
 * A change the build makes to a bundled package's source. The plugin refuses to build when the code it
 * changes is not there exactly once; but a plugin applies only if esbuild loads that very file (a package
 * whose `main` points elsewhere is bundled untouched), so the build also looks for the patch's marker
 * in what it wrote, and stops unless each marker is there exactly once.
 */
export interface BundlePatch {
  /** Names the patch in the build's refusal. */
  name: string;
  /** The script that makes the patch, to update when it no longer applies. */
  script: string;
  plugin: Plugin;
  /** Text the patched code leaves in the output: each present exactly once in function.js or in one lazy file. */
  markers: readonly string[];
}

/** Every patch of the function's bundle, in the order esbuild applies them. */
export function bundlePatches(): BundlePatch[] {
  return [
    {
      name: 'keep-wechat-answer',
      script: 'scripts/build/patches/keep-wechat-answer.ts',
      plugin: keepWechatAnswerPlugin(),
      markers: [patchMarker('keep-wechat-answer')],
    },
    {
      name: 'sdk-key-order',
      script: 'scripts/build/patches/sdk-key-order.ts',
      plugin: keyOrderPlugin(),
      markers: [patchMarker('sdk-key-order')],
    },
    ...sdkUrlPlugins().map(({ name, plugin }) => ({
      name,
      script: 'scripts/build/patches/sdk-url-patch.ts',
      plugin,
      markers: [patchMarker(name)],
    })),
    {
      name: 'sdk-version',
      script: 'scripts/build/patches/sdk-version-plugin.ts',
      plugin: sdkVersionPlugin(),
      markers: [patchMarker('sdk-version')],
    },
    {
      name: 'zod-without-json-schema',
      script: 'scripts/build/patches/zod-json-schema.ts',
      plugin: zodWithoutJsonSchemaPlugin(),
      markers: [JSON_SCHEMA_LEFT_OUT],
    },
    {
      name: 'to-string-tag',
      script: 'scripts/build/patches/to-string-tag-patch.ts',
      plugin: toStringTagPlugin(),
      markers: [patchMarker('to-string-tag')],
    },
  ];
}

/** How often `text` occurs in `within`. */
function occurrences(within: string, text: string): number {
  let count = 0;
  for (let at = within.indexOf(text); at !== -1; at = within.indexOf(text, at + text.length)) count += 1;
  return count;
}

/**
 * What is wrong with the patches in the written files (function.js and lazy/), one line per marker:
 * each must be in at least one file, and never twice in one (a lazy file may bundle its own copy of a
 * patched package, as axios does form-data's helpers).
 */
export function checkPatchMarkers(
  files: ReadonlyMap<string, Uint8Array | string>,
  patches: readonly BundlePatch[],
): string[] {
  const texts = [...files]
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, contents]) => ({
      file: file.split('\\').join('/'),
      text: typeof contents === 'string' ? contents : Buffer.from(contents).toString('utf8'),
    }));
  const problems: string[] = [];
  for (const patch of patches) {
    for (const marker of patch.markers) {
      const counts = texts.map(({ file, text }) => ({ file, found: occurrences(text, marker) }));
      const repeated = counts.filter(({ found }) => found > 1);
      const where = `its marker ${JSON.stringify(marker)} must be in function.js or a lazy file, once in each`;
      if (repeated.length > 0)
        problems.push(
          `the patch ${patch.name} (${patch.script}) is ${repeated.map(({ file, found }) => `${found} times in ${file}`).join(', ')} ` +
            `(${where}): the patched file was bundled more than once; check why, then update the script`,
        );
      else if (counts.every(({ found }) => found === 0))
        problems.push(
          `the patch ${patch.name} (${patch.script}) is not in the bundle (${where}): the file it patches was not ` +
            'bundled from where the patch looks for it; check which file of the package the bundle now loads, then update the script',
        );
    }
  }
  return problems;
}
