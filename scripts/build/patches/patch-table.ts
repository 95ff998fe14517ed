import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourcePatch } from './source-patch';

/** Called in place of zod's JSON Schema generation, which the function never uses. */
export const JSON_SCHEMA_LEFT_OUT =
  "zod's JSON Schema generation is left out of getQuota's bundle (scripts/build/patches/patch-table.ts): " +
  'nothing in the function converts a schema to JSON Schema';

const URL_HELPER = JSON.stringify(path.join(__dirname, 'sdk-url.cjs'));
const KEY_COMPARATOR = JSON.stringify(path.join(__dirname, 'signed-key-compare.cjs'));

/** A file of a package under node_modules, as esbuild's path of it ends. */
function packageFile(...parts: string[]): RegExp {
  return new RegExp(`[\\\\/]node_modules[\\\\/]${parts.map((part) => part.replace(/\./g, '\\.')).join('[\\\\/]')}$`);
}

/** The node SDK's version, from the package.json two folders above its utils/version.js. */
function sdkVersionModule(file: string): string {
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(file), '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return `exports.version = ${JSON.stringify(manifest.version)};`;
}

/**
 * Every change the build makes to a bundled package, in the order esbuild meets them. Each names the
 * file, the code it replaces (there exactly once, or the build stops) and why; the build then checks
 * that each patch's marker is in what it wrote (checkPatchMarkers).
 */
export const PATCH_TABLE: readonly SourcePatch[] = [
  {
    // wx-server-sdk 4.0.2 throws CloudSDKError({ errCode, errMsg }) for an answer with a non-zero errcode and drops
    // the rest of it, such as the courier's own reason behind 9300501 (delivery_resultcode, delivery_resultmsg).
    name: 'keep-wechat-answer',
    upstream: 'wx-server-sdk',
    module: packageFile('wx-server-sdk', 'index.js'),
    find: /throw new error_1\.CloudSDKError\(\{\s*errCode: result\.errcode,\s*errMsg: msg_1\.apiFailMsg\(displayAPIName, result\.errmsg\),?\s*\}\);/,
    replace:
      'throw Object.assign(new error_1.CloudSDKError({ errCode: result.errcode, errMsg: msg_1.apiFailMsg(displayAPIName, result.errmsg) }), { wxAnswer: result });',
    why: "to keep WeChat's whole answer on the error it throws (toQuotaError reads it)",
    check: 'how it now reports a WeChat error',
  },
  {
    // localeCompare starts ICU's collator, on every cold start; signed-key-compare.cjs orders the same.
    name: 'sdk-key-order',
    upstream: '@cloudbase/signature-nodejs',
    module: packageFile('@cloudbase', 'signature-nodejs', 'lib', 'keyvalue.js'),
    find: '.sort((l, r) => l.toString().localeCompare(r))',
    replace: `.sort(require(${KEY_COMPARATOR}).compareKeys)`,
    why: "to keep ICU's collator out of a cold start",
    check: 'how it now sorts the names it signs',
  },
  // On Node 24 the first url.parse() of a process logs DEP0169, on every cold start: the URL the signer
  // signs and the Host header of the node SDK's three requesters go to sdk-url.cjs instead.
  {
    name: 'sdk-url: signature-nodejs signer',
    upstream: '@cloudbase/signature-nodejs',
    module: packageFile('@cloudbase', 'signature-nodejs', 'lib', 'signer.js'),
    find: 'const urlInfo = url_1.parse(url);',
    replace: `const urlInfo = require(${URL_HELPER}).parseSdkUrl(url);`,
    why: "to keep Node 24's url.parse() deprecation warning out of every cold start",
    check: 'how it now parses the URLs it signs',
  },
  ...['tcbapirequester', 'tcbopenapirequester', 'tcbopenapicommonrequester'].map((requester) => ({
    name: `sdk-url: node-sdk ${requester}`,
    upstream: '@cloudbase/node-sdk',
    module: packageFile('@cloudbase', 'node-sdk', 'dist', 'utils', `${requester}.js`),
    find: 'const parsedUrl = (0, url_1.parse)(url);',
    replace: `const parsedUrl = (0, require(${URL_HELPER}).parseSdkUrl)(url);`,
    why: "to keep Node 24's url.parse() deprecation warning out of every cold start",
    check: 'how it now parses the URLs it signs',
  })),
  {
    // Bundled, the SDK's read of its own package.json (for its User-Agent) points outside the function
    // folder: every cold start paid for a failing read and its exception, and the SDK said version "unknow".
    name: 'sdk-version',
    upstream: '@cloudbase/node-sdk',
    module: packageFile('@cloudbase', 'node-sdk', 'dist', 'utils', 'version.js'),
    find: /^"use strict";[\s\S]*?path\.join\(__dirname, '\.\.\/\.\.\/package\.json'\)[\s\S]*?exports\.version = loadPackage\(\)\.version;/m,
    replace: sdkVersionModule,
    why: 'to read, at build time, the version it puts in its User-Agent',
    check: 'where it now reads its version',
  },
  {
    // zod's classic schemas reach JSON Schema generation (about 18 KB of function.js, which every cold
    // start would compile) only from toJSONSchema() and the Standard Schema jsonSchema methods, which
    // getQuota never calls; aggregateChecks, which a string's minLength and its like read, stays zod's own.
    name: 'zod-without-json-schema',
    upstream: 'zod',
    module: packageFile('zod', 'v4', 'classic', 'schemas.js'),
    find:
      'import * as processors from "../core/json-schema-processors.js";\n' +
      'import * as regexes from "../core/regexes.js";\n' +
      'import { createStandardJSONSchemaMethod, createToJSONSchemaMethod } from "../core/to-json-schema.js";\n',
    replace:
      'import { aggregateChecks } from "../core/json-schema-processors.js";\n' +
      'import * as regexes from "../core/regexes.js";\n' +
      `const leftOut = () => { throw new Error(${JSON.stringify(JSON_SCHEMA_LEFT_OUT)}); };\n` +
      'const processors = new Proxy({ aggregateChecks }, { get: (kept, name) => kept[name] ?? leftOut });\n' +
      'const createStandardJSONSchemaMethod = () => leftOut;\n' +
      'const createToJSONSchemaMethod = () => leftOut;\n',
    why: 'to keep its JSON Schema generation out of the bundle',
    check: 'how its schemas now reach JSON Schema generation',
  },
  {
    // es-set-tostringtag (form-data's) asks get-intrinsic for Object.defineProperty: get-intrinsic builds a
    // table of every JavaScript intrinsic, loading a dozen helper packages, on each cold start.
    name: 'to-string-tag',
    upstream: 'es-set-tostringtag',
    module: packageFile('es-set-tostringtag', 'index.js'),
    find:
      "var GetIntrinsic = require('get-intrinsic');\n\n" +
      "var $defineProperty = GetIntrinsic('%Object.defineProperty%', true);",
    replace: 'var $defineProperty = Object.defineProperty;',
    why: 'to keep get-intrinsic out of a cold start',
    check: 'how it now finds Object.defineProperty',
  },
];
