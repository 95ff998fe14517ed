// Build step, run by the exact Node binary a cache is for: compiles function.js the way loader.cjs
// does, answers the invocations it is given (against the emulator, so that everything the first
// answer runs gets compiled), then writes V8's code cache in the format loader.cjs checks.
// Forked with the runtime's flags as execArgv: FUNCTION_DIR INVOCATIONS_JSON; tells its parent the
// cache file it wrote.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const { createRequire } = require('module');
const path = require('path');
const vm = require('vm');

// Must match loader.cjs: the same wrapped source, header and file name.
const MAGIC = Buffer.from('getQuota code cache 1\n');
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n})'];

const FLAGS = [
  ...process.execArgv.filter(
    (arg, index, all) =>
      !/^(-e|--eval|-p|--print|-pe)(=|$)/.test(arg) && !/^(-e|--eval|-p|--print|-pe)$/.test(all[index - 1] || ''),
  ),
  ...(process.env.NODE_OPTIONS || '').split(/\s+/),
]
  .filter(Boolean)
  .join(' ');
const CACHE_KEY = `${process.version}-${process.arch}${FLAGS ? `-${crypto.createHash('sha256').update(FLAGS).digest('hex').slice(0, 12)}` : ''}`;

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest();

async function train([functionDir, invocationsJson]) {
  const outFile = path.join(functionDir, 'code-cache', `${CACHE_KEY}.bin`);
  const bundle = path.join(functionDir, 'function.js');
  const source = fs.readFileSync(bundle);
  const script = new vm.Script(WRAPPER[0] + source.toString('utf8') + WRAPPER[1], { filename: bundle });
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
  const payload = script.createCachedData();
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, Buffer.concat([MAGIC, sha256(source), sha256(payload), payload]));
  return { key: CACHE_KEY, file: path.relative(functionDir, outFile) };
}

train(process.argv.slice(2)).then(
  (written) => process.send(written, () => process.exit(0)),
  (error) => {
    process.stderr.write(`code cache training failed: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
