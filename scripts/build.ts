import path from 'node:path';
import type { ArgValues } from '../src/cli/strict-args';
import { buildFunction } from './build/build-function';
import { writePageContract } from './build/page-contract';
import { describePlaceholder, readProjectSettings } from './placeholders';
import { runScript } from './run-script';
import { CODE_CACHE_OPTIONS, CODE_CACHE_USAGE, codeCacheRuntimes } from './build/code-cache/runtime-options';

const ROOT = path.resolve(__dirname, '..');
const BUILD_COMMAND = {
  options: CODE_CACHE_OPTIONS,
  usage: `Usage: npm run build -- [options]

Writes the page's copy of the wire contract (miniprogram/contract/, from src/contract/) and the
deployable function to cloudfunctions/getQuota, with a V8 code cache for the Node running the build
(a cache fits only the exact Node version and V8 flags it was made with).

Options:
  -h, --help                           show this help
${CODE_CACHE_USAGE}`,
};

async function main(values: ArgValues<typeof CODE_CACHE_OPTIONS>): Promise<void> {
  const contract = await writePageContract(ROOT);
  process.stderr.write(`Wrote the page's contract: ${contract.join(', ')}\n`);
  const result = await buildFunction({ rootDir: ROOT, codeCacheRuntimes: codeCacheRuntimes(values, ROOT) });
  const relative = path.relative(process.cwd(), result.outDir) || '.';
  const caches = result.codeCaches.map((cache) => `${cache.key} (${(cache.bytes / 1024).toFixed(0)} KiB)`).join(', ');
  process.stderr.write(
    `Built ${relative}/ (function.js ${(result.bundleBytes / 1024).toFixed(0)} KiB, ` +
      `${result.lazyFiles.length} lazy files; code caches: ${caches}); open APIs: ${result.openApiCalls.join(', ')}\n`,
  );
  for (const placeholder of (await readProjectSettings(ROOT)).placeholders)
    process.stderr.write(`warning: ${describePlaceholder(placeholder)} (npm run deploy refuses it)\n`);
}

void runScript(main, { name: 'npm run build', command: BUILD_COMMAND });
