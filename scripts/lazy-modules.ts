import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';

/**
 * Packages that wx-server-sdk requires when it loads but that getQuota never calls into (AI,
 * streams, XML, the MIME table, JWT). Bundled as lazy stubs, each is evaluated only if something
 * touches it, which takes their cost out of every cold start. The end-to-end suite runs on this
 * trimmed bundle; a package the SDK touches at load time gains nothing here and is left out.
 */
export const LAZY_PACKAGES = [
  '@cloudbase/ai',
  '@mattiasbuelens/web-streams-adapter',
  'web-streams-polyfill',
  'xml2js',
  'mime-types',
  'jsonwebtoken',
  'text-encoding-shim',
];

const NAMESPACE = 'lazy-stub';

/** A module that stands for `realPath` and evaluates it on first use, whatever the use is. */
function stubSource(realPath: string, esModule: boolean): string {
  return `let real;
const load = () => real || (real = require(${JSON.stringify(realPath)}));
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

export function lazyModulesPlugin(packages: readonly string[] = LAZY_PACKAGES): Plugin {
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
        contents: stubSource(args.path, readFileSync(args.path, 'utf8').includes('__esModule')),
        loader: 'js',
        resolveDir: process.cwd(),
      }));
    },
  };
}
