import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';

/**
 * Packages that wx-server-sdk requires when it loads but that getQuota's queries never touch: AI,
 * web streams, XML, the MIME table, JWT, the browser-side app, proxy agents, the full protobufjs
 * (calls use protobufjs/minimal), and the database with bson and its helpers, which only a timer run
 * with alerts on opens. Bundled as lazy stubs, each is evaluated only when something touches it, so a
 * cold start does not pay for them and a query never does. The end-to-end suite runs on this bundle;
 * a package the SDK touches while loading would gain nothing here and is left out.
 */
export const LAZY_PACKAGES = [
  '@cloudbase/ai',
  '@cloudbase/app',
  '@cloudbase/utilities',
  '@cloudbase/database',
  '@mattiasbuelens/web-streams-adapter',
  'web-streams-polyfill',
  'bson',
  'lodash.clonedeep',
  'xml2js',
  'mime-types',
  'jsonwebtoken',
  'text-encoding-shim',
  'semver',
  'http-proxy-agent',
  'https-proxy-agent',
  'protobufjs',
];

const NAMESPACE = 'lazy-stub';

/** The line a traced stub writes to stderr when its package is evaluated. */
export const LAZY_LOAD_TRACE = 'lazy package evaluated:';

/** A module that stands for `realPath` and evaluates it on first use, whatever the use is. */
function stubSource(realPath: string, esModule: boolean, trace: boolean): string {
  const announce = trace ? `process.stderr.write(${JSON.stringify(`${LAZY_LOAD_TRACE} ${realPath.replace(/.*node_modules\//, '')}
`)}), ` : '';
  return `let real;
const load = () => real || (${announce}real = require(${JSON.stringify(realPath)}));
module.exports = new Proxy(function () {}.bind(), {
  get: (_, key) => (key === '__esModule' ? ${esModule} || undefined : load()[key]),
  has: (_, key) => key in load(),
  set: (_, key, value) => { load()[key] = value; return true; },
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const found = Reflect.getOwnPropertyDescriptor(load(), key); if (found) found.configurable = true; return found; },
  getPrototypeOf: () => Reflect.getPrototypeOf(load()),
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  construct: (_, args) => Reflect.construct(load(), args),
});
`;
}

/** `trace` makes each stub announce on stderr when its package is evaluated, for tests. */
export function lazyModulesPlugin(packages: readonly string[] = LAZY_PACKAGES, trace = false): Plugin {
  const filter = new RegExp(`^(${packages.map((name) => name.replace(/[/.\\-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.namespace === NAMESPACE) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, namespace: NAMESPACE });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: stubSource(args.path, readFileSync(args.path, 'utf8').includes('__esModule'), trace),
        loader: 'js',
        resolveDir: process.cwd(),
      }));
    },
  };
}
