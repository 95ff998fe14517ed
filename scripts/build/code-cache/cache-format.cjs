// The code cache's format and the runtime it is for, in one place: loader.cjs (bundled with this file
// into the deployable index.js) reads caches in it, trainer.cjs writes them. Plain CommonJS for every
// Node the cloud offers (16 and newer).
'use strict';

const crypto = require('crypto');
const path = require('path');
const vm = require('vm');

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest();

// V8 accepts a cache only from the same V8 version and flags: Node's version pins V8's, and any flag
// Node was started with (even --max-old-space-size) changes V8's flag hash, so both name the file.
const FLAGS = [
  ...process.execArgv.filter(
    (arg, index, all) =>
      !/^(-e|--eval|-p|--print|-pe)(=|$)/.test(arg) && !/^(-e|--eval|-p|--print|-pe)$/.test(all[index - 1] || ''),
  ),
  ...(process.env.NODE_OPTIONS || '').split(/\s+/),
]
  .filter(Boolean)
  .join(' ');
const CACHE_KEY = `${process.version}-${process.arch}${FLAGS ? `-${sha256(FLAGS).toString('hex').slice(0, 12)}` : ''}`;

// A cache file: MAGIC, sha256 of the source it was made from, sha256 of the payload, the payload.
// V8 checks only the source's length, and some versions do not checksum the payload (a damaged
// payload can crash the process), so both hashes are checked before V8 sees it.
const MAGIC = Buffer.from('getQuota code cache 1\n');
const HEADER_BYTES = MAGIC.length + 2 * 32;
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n})'];
// The script's name, which V8 writes into the cache and which stack traces show when a cache is used:
// the same bare name wherever the cache is built or run, so that it names no folder of the build
// machine and a cache of the same function.js does not depend on where it was built.
const SCRIPT_NAME = 'function.js';

/** Where the cache of this runtime lives in a function folder. */
const cacheFile = (functionDir) => path.join(functionDir, 'code-cache', `${CACHE_KEY}.bin`);

/** function.js compiled as the loader runs it, with V8's cached data when given. */
const compile = (source, cachedData) =>
  new vm.Script(WRAPPER[0] + source.toString('utf8') + WRAPPER[1], { filename: SCRIPT_NAME, cachedData });

/** A cache file's bytes for this source and payload. */
const cacheBytes = (source, payload) => Buffer.concat([MAGIC, sha256(source), sha256(payload), payload]);

/** The payload of a cache file made from this very source, or undefined when it is damaged or stale. */
function payloadOf(file, source) {
  const payload = file.subarray(HEADER_BYTES);
  const intact =
    file.length > HEADER_BYTES &&
    file.subarray(0, MAGIC.length).equals(MAGIC) &&
    file.subarray(MAGIC.length, MAGIC.length + 32).equals(sha256(source)) &&
    file.subarray(MAGIC.length + 32, HEADER_BYTES).equals(sha256(payload));
  return intact ? payload : undefined;
}

module.exports = { FLAGS, CACHE_KEY, cacheFile, compile, cacheBytes, payloadOf };
