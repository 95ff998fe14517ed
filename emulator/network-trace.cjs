// Loaded by the runner before the function: reports every DNS query and every TCP connection the
// instance makes, so tests can prove a run talks to nothing but the emulator on loopback.
// Plain CommonJS with no dependencies, for every Node version the cloud offers.
'use strict';

const dns = require('dns');
const net = require('net');

const DNS_CALLS = [
  'lookup',
  'lookupService',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCname',
  'resolveSrv',
  'resolveTxt',
];

function wrap(target, name, describe, report) {
  const original = target[name];
  if (typeof original !== 'function') return;
  target[name] = function traced(...args) {
    report(describe(args));
    return original.apply(this, args);
  };
}

/** What socket.connect was asked for, whichever of its argument forms was used. */
function connectTarget(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === 'object') {
    return first.path
      ? { kind: 'connect', path: String(first.path) }
      : { kind: 'connect', host: String(first.host || 'localhost'), port: Number(first.port) };
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return { kind: 'connect', path: first };
  return { kind: 'connect', host: typeof args[1] === 'string' ? args[1] : 'localhost', port: Number(first) };
}

exports.installNetworkTrace = function installNetworkTrace(report) {
  for (const name of DNS_CALLS) {
    wrap(dns, name, (args) => ({ kind: 'dns', call: name, host: String(args[0]) }), report);
    if (dns.promises) wrap(dns.promises, name, (args) => ({ kind: 'dns', call: name, host: String(args[0]) }), report);
  }
  wrap(net.Socket.prototype, 'connect', connectTarget, report);
};
