import type { Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { patchDirective } from './patch-marker';
import { SdkPatchError } from './keep-wechat-answer';

const HELPER = path.join(__dirname, 'sdk-url.cjs');

/** A call of url.parse() the SDK makes on each request, and the file it is in. */
export interface UrlParseSite {
  /** The patch's name, in its marker. */
  name: string;
  /** The file, under node_modules. */
  file: RegExp;
  /** The call, exactly as the file has it. */
  snippet: string;
  replacement: string;
}

/**
 * Where the SDK calls url.parse() on every request: @cloudbase/signature-nodejs reads the URL it signs,
 * @cloudbase/node-sdk the Host header of its three requesters. On Node 24, the first url.parse() of a
 * process logs `[DEP0169] DeprecationWarning`, on every cold start.
 */
export const URL_PARSE_SITES: readonly UrlParseSite[] = [
  {
    name: 'sdk-url: signature-nodejs signer',
    file: /[\\/]node_modules[\\/]@cloudbase[\\/]signature-nodejs[\\/]lib[\\/]signer\.js$/,
    snippet: 'const urlInfo = url_1.parse(url);',
    replacement: `const urlInfo = require(${JSON.stringify(HELPER)}).parseSdkUrl(url);`,
  },
  ...['tcbapirequester', 'tcbopenapirequester', 'tcbopenapicommonrequester'].map((requester) => ({
    name: `sdk-url: node-sdk ${requester}`,
    file: new RegExp(
      `[\\\\/]node_modules[\\\\/]@cloudbase[\\\\/]node-sdk[\\\\/]dist[\\\\/]utils[\\\\/]${requester}\\.js$`,
    ),
    snippet: 'const parsedUrl = (0, url_1.parse)(url);',
    replacement: `const parsedUrl = (0, require(${JSON.stringify(HELPER)}).parseSdkUrl)(url);`,
  })),
];

/** A file's source with the call replaced; throws when the call is not there exactly once. */
export function patchUrlParseSource(source: string, file: string, site: UrlParseSite): string {
  const matches = source.split(site.snippet).length - 1;
  if (matches !== 1) {
    throw new SdkPatchError(
      `Build stopped: ${file} does not contain, exactly once, the call ${site.snippet} that the build ` +
        `points at scripts/build/patches/sdk-url.cjs to keep Node 24's url.parse() deprecation warning out of every cold start (found ${matches}). ` +
        'The CloudBase SDK was probably upgraded: check how it now parses the URLs it signs, then update scripts/build/patches/sdk-url-patch.ts.',
    );
  }
  return patchDirective(site.name) + source.replace(site.snippet, site.replacement);
}

/** One plugin per site, each applying `patchUrlParseSource` to its file while esbuild bundles it. */
export function sdkUrlPlugins(
  sites: readonly UrlParseSite[] = URL_PARSE_SITES,
): Array<{ name: string; plugin: Plugin }> {
  return sites.map((site) => ({
    name: site.name,
    plugin: {
      name: site.name,
      setup(build) {
        build.onLoad({ filter: site.file }, async (args) => {
          const source = await readFile(args.path, 'utf8');
          try {
            return {
              contents: patchUrlParseSource(source, path.relative(process.cwd(), args.path), site),
              loader: 'js',
              resolveDir: path.dirname(args.path),
            };
          } catch (error) {
            return { errors: [{ text: (error as Error).message }] };
          }
        });
      },
    },
  }));
}
