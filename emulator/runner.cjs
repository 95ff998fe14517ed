// Runs inside the child process that plays the cloud function's instance. Plain CommonJS with no
// dependencies so that any Node version the cloud offers (16 and newer) can run it.
'use strict';

const path = require('path');
const { installNetworkTrace } = require('./network-trace.cjs');
const { installRobotRedirect } = require('./robot-redirect.cjs');
const { runAsInvocation, markAnswered } = require('./invocation-tag.cjs');

function describe(error) {
  return error && error.stack ? String(error.stack) : String(error);
}

const logsWrittenMark = process.argv[3];

installNetworkTrace((event) => process.send({ type: 'network', event }));
installRobotRedirect(process.argv[4]);

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

/** The cloud sets the caller's variables for each invocation; `null` is one it does not set. */
function applyCallerEnv(callerEnv) {
  for (const [key, value] of Object.entries(callerEnv)) {
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
}

process.on('message', (message) => {
  if (message.type !== 'invoke') return;
  // getWXContext reads the environment on every call, and main reads it before its first await,
  // so setting it right before the call is enough.
  applyCallerEnv(message.callerEnv);
  // The answer is final once main settles; like the cloud's runtime posting it, the reply leaves on
  // a later turn of the event loop, after the rejections of that turn have been reported.
  const answer = (reply) => {
    markAnswered(message.id);
    setImmediate(() => {
      // Pipes are synchronous on Linux: these lines, and every log line before them, are on their way
      // before the answer is, so the emulator can hand the answer over with its logs (see runtime.ts).
      process.stdout.write(`${logsWrittenMark}${message.id}\n`);
      process.stderr.write(`${logsWrittenMark}${message.id}\n`);
      process.send(reply);
    });
  };
  runAsInvocation(message.id, () => {
    let pending;
    try {
      pending = Promise.resolve(handler.main(message.event, message.context));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (result) => answer({ type: 'result', id: message.id, result }),
      (error) => answer({ type: 'threw', id: message.id, error: describe(error) }),
    );
  });
});

process.send({ type: 'ready', node: process.version });
