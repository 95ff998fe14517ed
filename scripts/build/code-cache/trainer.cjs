// Build step, run by the exact Node binary a cache is for: compiles function.js the way loader.cjs
// does, answers the invocations it is given (against the emulator, so that everything the first
// answer runs gets compiled), then writes V8's code cache in the format loader.cjs checks
// (cache-format.cjs, shared by both). Forked with the runtime's flags as execArgv: FUNCTION_DIR
// INVOCATIONS_JSON; tells its parent the cache file it wrote.
'use strict';

const fs = require('fs');
const { createRequire } = require('module');
const path = require('path');
const { CACHE_KEY, cacheBytes, cacheFile, compile } = require('./cache-format.cjs');

async function train([functionDir, invocationsJson]) {
  const outFile = cacheFile(functionDir);
  const bundle = path.join(functionDir, 'function.js');
  const source = fs.readFileSync(bundle);
  const script = compile(source);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, functionDir);
  for (const { event, env } of JSON.parse(invocationsJson)) {
    // As the runtime does: a null is a variable the cloud does not set for this caller.
    for (const [key, value] of Object.entries(env)) {
      if (value === null) delete process.env[key];
      else process.env[key] = value;
    }
    const result = await module.exports.main(event, { request_id: 'code-cache-training', function_name: 'getQuota' });
    if (!result || result.ok !== true)
      throw new Error(`training invocation ${JSON.stringify(event)} answered ${JSON.stringify(result)}`);
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, cacheBytes(source, script.createCachedData()));
  return { key: CACHE_KEY, file: path.relative(functionDir, outFile) };
}

train(process.argv.slice(2)).then(
  (written) => process.send(written, () => process.exit(0)),
  (error) => {
    process.stderr.write(`code cache training failed: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
