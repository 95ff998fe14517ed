// Bundled into function.js by the build (the sdk-url entries of scripts/build/patches/patch-table.ts) in place of `url.parse(url)` where
// the CloudBase SDK reads the URL of each request it signs (@cloudbase/signature-nodejs's tc3sign, and
// the Host header of @cloudbase/node-sdk's requesters). Node 24 deprecates url.parse() at run time
// (DEP0169): its first call writes a DeprecationWarning into the function's log on every cold start.
// For the URLs the SDK builds (http or https, a lower-case host name or IPv4 address, an optional
// port, a path and a query of URL-safe characters, no user, no fragment) this returns the fields
// url.parse() would (checked against url.parse by test/scripts/sdk-url.test.ts); any other URL
// still goes to url.parse.
'use strict';

/** A host label; a punycode one (xn--…) is left to url.parse, which decodes or refuses it. */
const LABEL = '(?!xn--)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
/** The characters url.parse() leaves as they are in a path (and, with '?', in a query). */
const PATH_CHARS = '[A-Za-z0-9\\-._~!$&()*+,;=:@%/]';
const QUERY_CHARS = '[A-Za-z0-9\\-._~!$&()*+,;=:@%/?]';
const SIMPLE = new RegExp(
  `^(https?:)//(${LABEL}(?:\\.${LABEL})*)(?::([1-9][0-9]{0,4}))?(/${PATH_CHARS}*)?(?:\\?(${QUERY_CHARS}*))?$`,
);

/** url.parse(input)'s fields, without url.parse for the URLs the SDK signs. */
function parseSdkUrl(input) {
  const match = typeof input === 'string' ? SIMPLE.exec(input) : null;
  if (!match) return require('url').parse(input);
  const [, protocol, hostname, port, path, query] = match;
  const host = port === undefined ? hostname : `${hostname}:${port}`;
  const pathname = path === undefined ? '/' : path;
  const search = query === undefined ? null : `?${query}`;
  return {
    protocol,
    slashes: true,
    auth: null,
    host,
    port: port === undefined ? null : port,
    hostname,
    hash: null,
    search,
    query: query === undefined ? null : query,
    pathname,
    path: pathname + (search ?? ''),
    href: `${protocol}//${host}${pathname}${search ?? ''}`,
  };
}

exports.parseSdkUrl = parseSdkUrl;
