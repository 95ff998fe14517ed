// Loaded by the emulator's runner only (never bundled, never deployed): posts to the group robots'
// real hosts go to the emulator's robots on loopback instead, the host kept in the Host header. A
// deployed function has no setting that could do this: it reaches the real hosts.
// Plain CommonJS with no dependencies, for every Node version the cloud offers.
'use strict';

const http = require('http');
const https = require('https');

const ROBOT_HOSTS = new Set(['qyapi.weixin.qq.com', 'open.feishu.cn', 'open.larksuite.com', 'oapi.dingtalk.com']);

/** https.request's argument forms: (url[, options][, callback]) or (options[, callback]). */
function split(args) {
  let url;
  let rest = args;
  if (typeof args[0] === 'string' || args[0] instanceof URL) {
    url = new URL(String(args[0]));
    rest = args.slice(1);
  }
  const options = rest[0] !== null && typeof rest[0] === 'object' ? rest[0] : {};
  const callback = typeof rest[rest.length - 1] === 'function' ? rest[rest.length - 1] : undefined;
  const host = url ? url.hostname : String(options.hostname || options.host || '').replace(/:\d+$/, '');
  const path = url ? url.pathname + url.search : options.path || '/';
  return { host, path, options, callback };
}

exports.installRobotRedirect = function installRobotRedirect(robotsUrl) {
  if (!robotsUrl) return;
  const local = new URL(robotsUrl);
  for (const name of ['request', 'get']) {
    const original = https[name];
    https[name] = function redirected(...args) {
      const { host, path, options, callback } = split(args);
      if (!ROBOT_HOSTS.has(host)) return original.apply(this, args);
      const headers = Object.assign({}, options.headers, { host });
      const local_options = {
        method: options.method || (name === 'get' ? 'GET' : 'POST'),
        host: local.hostname,
        port: local.port,
        path,
        headers,
      };
      return name === 'get' ? http.get(local_options, callback) : http.request(local_options, callback);
    };
  }
};
