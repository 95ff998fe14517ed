// The deployable function's index.js, written by `npm run build`: runs the bundle, function.js, with
// V8's code cache for this exact Node version when the folder holds a valid one that V8 accepts, so
// that a cold start skips compiling what the first answer runs. Any other case (no cache for this
// runtime, a damaged or stale file, V8 refusing it) compiles function.js as if there were no cache,
// and says so once in the log. Plain CommonJS for every Node the cloud offers (16 and newer).
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const BUNDLE = path.join(__dirname, 'function.js');
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
const CACHE_KEY = `${process.version}-${process.arch}${FLAGS ? `-${crypto.createHash('sha256').update(FLAGS).digest('hex').slice(0, 12)}` : ''}`;
const CACHE = path.join(__dirname, 'code-cache', `${CACHE_KEY}.bin`);
// A cache file: MAGIC, sha256 of the source it was made from, sha256 of the payload, the payload.
// V8 checks only the source's length, and some versions do not checksum the payload (a damaged
// payload can crash the process), so both hashes are checked here first.
const MAGIC = Buffer.from('getQuota code cache 1\n');
const HASH_BYTES = 32;
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n})'];

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest();

/** The payload for this runtime, or why there is none. */
function readCache(source) {
  let file;
  try {
    file = fs.readFileSync(CACHE);
  } catch {
    return { note: 'no code cache for this Node version and flags; compiling without one', level: 'info' };
  }
  const headerBytes = MAGIC.length + 2 * HASH_BYTES;
  const payload = file.subarray(headerBytes);
  const intact =
    file.length > headerBytes &&
    file.subarray(0, MAGIC.length).equals(MAGIC) &&
    file.subarray(MAGIC.length, MAGIC.length + HASH_BYTES).equals(sha256(source)) &&
    file.subarray(MAGIC.length + HASH_BYTES, headerBytes).equals(sha256(payload));
  if (!intact)
    return { note: 'code cache is damaged or was built from another function.js; compiling without it', level: 'warn' };
  return { payload };
}

const source = fs.readFileSync(BUNDLE);
const cache = readCache(source);
const script = new vm.Script(WRAPPER[0] + source.toString('utf8') + WRAPPER[1], {
  filename: BUNDLE,
  cachedData: cache.payload,
});
const note =
  cache.payload && script.cachedDataRejected
    ? { note: 'code cache rejected by V8; compiling without it', level: 'warn' }
    : cache;
if (note.note)
  console.log(
    JSON.stringify({ level: note.level, message: note.note, node: process.version, flags: FLAGS, cache: CACHE_KEY }),
  );
script.runInThisContext()(exports, require, module, BUNDLE, __dirname);
