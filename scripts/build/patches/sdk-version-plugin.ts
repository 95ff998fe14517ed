import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { patchDirective } from './patch-marker';

/**
 * @cloudbase/node-sdk reads its own package.json at load (`__dirname/../../package.json`) for the
 * version it puts in its User-Agent. Bundled, that path points outside the function folder: every
 * cold start paid for a failing read and its exception, and the SDK reported version "unknow". The
 * version is read at build time instead.
 */
export function sdkVersionPlugin(): Plugin {
  return {
    name: 'sdk-version',
    setup(build) {
      build.onLoad({ filter: /[\\/]@cloudbase[\\/]node-sdk[\\/]dist[\\/]utils[\\/]version\.js$/ }, (args) => {
        const manifest = JSON.parse(
          readFileSync(path.join(path.dirname(args.path), '..', '..', 'package.json'), 'utf8'),
        ) as { version: string };
        return {
          contents: `${patchDirective('sdk-version')}exports.version = ${JSON.stringify(manifest.version)};`,
          loader: 'js',
        };
      });
    },
  };
}
