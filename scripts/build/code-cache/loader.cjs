// The deployable function's index.js, written by `npm run build` (bundled with cache-format.cjs): runs
// the bundle, function.js, with V8's code cache for this exact Node version when the folder holds a
// valid one that V8 accepts, so that a cold start skips compiling what the first answer runs. Any
// other case (no cache for this runtime, a damaged or stale file, V8 refusing it) compiles function.js
// as if there were no cache, and says so once in the log. Plain CommonJS for every Node the cloud
// offers (16 and newer).
'use strict';

const fs = require('fs');
const path = require('path');
const { FLAGS, CACHE_KEY, cacheFile, compile, payloadOf } = require('./cache-format.cjs');

const BUNDLE = path.join(__dirname, 'function.js');

/** The payload for this runtime, or why there is none. */
function readCache(source) {
  let file;
  try {
    file = fs.readFileSync(cacheFile(__dirname));
  } catch {
    return { note: 'no code cache for this Node version and flags; compiling without one', level: 'info' };
  }
  const payload = payloadOf(file, source);
  if (!payload)
    return { note: 'code cache is damaged or was built from another function.js; compiling without it', level: 'warn' };
  return { payload };
}

const source = fs.readFileSync(BUNDLE);
const cache = readCache(source);
const script = compile(source, cache.payload);
const note =
  cache.payload && script.cachedDataRejected
    ? { note: 'code cache rejected by V8; compiling without it', level: 'warn' }
    : cache;
if (note.note)
  console.log(
    JSON.stringify({ level: note.level, message: note.note, node: process.version, flags: FLAGS, cache: CACHE_KEY }),
  );
script.runInThisContext()(exports, require, module, BUNDLE, __dirname);
