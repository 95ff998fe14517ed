// Runs inside the child process that plays the cloud function's instance. Plain CommonJS with no
// dependencies so that any Node version the cloud offers (16 and newer) can run it.
'use strict';

const path = require('path');

function describe(error) {
  return error && error.stack ? String(error.stack) : String(error);
}

let handler;
try {
  handler = require(path.resolve(process.argv[2], 'index.js'));
} catch (error) {
  process.send({ type: 'load-failed', error: describe(error) }, () => process.exit(1));
  return;
}

process.on('unhandledRejection', (reason) => {
  process.send({ type: 'unhandled', error: describe(reason) });
});

process.on('message', (message) => {
  if (message.type !== 'invoke') return;
  // The cloud sets the caller's context in the environment; getWXContext reads it on every call,
  // and main reads it before its first await, so setting it right before the call is enough.
  Object.assign(process.env, message.callerEnv);
  let pending;
  try {
    pending = Promise.resolve(handler.main(message.event, message.context));
  } catch (error) {
    pending = Promise.reject(error);
  }
  pending.then(
    (result) => process.send({ type: 'result', id: message.id, result }),
    (error) => process.send({ type: 'threw', id: message.id, error: describe(error) }),
  );
});

process.send({ type: 'ready', node: process.version });
