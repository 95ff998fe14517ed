import path from 'node:path';
import { buildFunction } from './build-function';

buildFunction({ rootDir: path.resolve(__dirname, '..') }).then(
  (result) => {
    const relative = path.relative(process.cwd(), result.outDir) || '.';
    process.stderr.write(`Built ${relative}/index.js (${(result.bundleBytes / 1024).toFixed(0)} KiB); open APIs: ${result.openApiCalls.join(', ')}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
