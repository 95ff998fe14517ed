import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildFunction } from './build-function';
import { runScript } from './run-script';
import { CODE_CACHE_OPTIONS, CODE_CACHE_USAGE, codeCacheRuntimes } from './code-cache/runtime-options';

const ROOT = path.resolve(__dirname, '..');
const USAGE = `npm run build [-- options]

Writes the deployable function to cloudfunctions/getQuota, with a V8 code cache for the Node running
the build (a cache fits only the exact Node version and V8 flags it was made with).

${CODE_CACHE_USAGE}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { ...CODE_CACHE_OPTIONS, help: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const result = await buildFunction({ rootDir: ROOT, codeCacheRuntimes: codeCacheRuntimes(values, ROOT) });
  const relative = path.relative(process.cwd(), result.outDir) || '.';
  const caches = result.codeCaches.map((cache) => `${cache.key} (${(cache.bytes / 1024).toFixed(0)} KiB)`).join(', ');
  process.stderr.write(
    `Built ${relative}/ (function.js ${(result.bundleBytes / 1024).toFixed(0)} KiB, ` +
      `${result.lazyFiles.length} lazy files; code caches: ${caches}); open APIs: ${result.openApiCalls.join(', ')}\n`,
  );
}

void runScript(main, { name: 'npm run build' });
