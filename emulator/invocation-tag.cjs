// Loaded by the runner before the function: every HTTP request the function's code starts carries
// the invocation it belongs to, and whether that invocation had already answered, in a header the
// emulator's cloud server reads (and WeChat never sees). Async context follows the code through
// promises and timers, so work an invocation left behind is still told apart after a thaw.
'use strict';

const { AsyncLocalStorage } = require('async_hooks');
const http = require('http');
const https = require('https');

const HEADER = 'x-emulator-invocation';
const context = new AsyncLocalStorage();
const answered = new Set();

function tagged(original) {
  return function request(...args) {
    const req = original.apply(this, args);
    const id = context.getStore();
    if (id !== undefined && !req.headersSent) req.setHeader(HEADER, `${id};${answered.has(id) ? 'after' : 'before'}`);
    return req;
  };
}

for (const mod of [http, https]) {
  mod.request = tagged(mod.request);
  mod.get = function get(...args) {
    const req = mod.request(...args);
    req.end();
    return req;
  };
}

/** Runs `run` as invocation `id`: whatever it starts, now or later, is tagged with it. */
exports.runAsInvocation = (id, run) => context.run(id, run);
exports.markAnswered = (id) => answered.add(id);
