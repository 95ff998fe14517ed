import type { Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Packages that wx-server-sdk requires when it loads but that getQuota's queries never touch: AI,
 * web streams, XML, the MIME table and MIME types, JWT, the browser-side app, proxy agents, axios
 * (the node SDK's metadata look-up, which the cloud's environment skips), the full protobufjs (calls
 * use protobufjs/minimal), long (64-bit integers, which no message of a query has), and the database with bson and its helpers, which only a list of all
 * accounts (the balance history) and a timer run open. Each goes into its own file of the deployable folder, and the bundle holds a stub
 * that requires that file on first use: a query neither compiles nor runs them. The end-to-end suite
 * runs on this folder, and a traced build proves that a query loads none of these files.
 */
export const LAZY_PACKAGES = [
  '@cloudbase/ai',
  '@cloudbase/app',
  '@cloudbase/utilities',
  '@cloudbase/database',
  '@cloudbase/wx-cloud-client-sdk',
  '@mattiasbuelens/web-streams-adapter',
  'web-streams-polyfill',
  'axios',
  'bson',
  'lodash.clonedeep',
  'xml2js',
  'mime-db',
  'mime-types',
  'jsonwebtoken',
  'text-encoding-shim',
  'semver',
  'http-proxy-agent',
  'https-proxy-agent',
  'protobufjs',
  'long',
];

/**
 * Factories the SDK calls while it initialises although only calls a query never makes use their
 * results: the node SDK builds `cloud.models` (data models) at init, which loads the client SDK and,
 * on Node 18 and later, makes it probe `globalThis.Headers`, which loads undici. The stub makes such
 * a call return a stand-in that makes the real call on first use.
 */
export const DEFERRED_RESULTS: Readonly<Record<string, readonly string[]>> = {
  '@cloudbase/wx-cloud-client-sdk': ['generateHTTPClient'],
};

/**
 * Functions of a lazy package that code probes when it loads: the stub answers each with a function
 * that calls the real one when called, so the probe itself loads nothing. protobufjs/minimal asks
 * `Long.isLong` at load to decide whether 64-bit fields decode to Long objects; wx-server-sdk's
 * messages have no 64-bit field, so a query never needs long (its WebAssembly and some 300 methods).
 */
export const FORWARDED_CALLS: Readonly<Record<string, readonly string[]>> = {
  long: ['isLong'],
};

/** The line a traced lazy file writes to stderr when it is evaluated. */
export const LAZY_LOAD_TRACE = 'lazy package evaluated:';

/** The esbuild namespace of the stubs this plugin writes: generated code of ours, not a package's. */
export const STUB_NAMESPACE = 'lazy-stub';

/** The line a traced build writes to stderr when one of our own modules (under src/) is evaluated. */
export const SOURCE_TRACE = 'source module evaluated:';

/**
 * For the traced build: makes each of our own TypeScript modules announce on stderr when it is
 * evaluated, so that a test can prove what a request runs (the handler loads the alerts, the forecast
 * and the history only for the requests that need them).
 */
export function traceSourcesPlugin(rootDir: string): Plugin {
  return {
    name: 'trace-sources',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const relative = path.relative(rootDir, args.path).split(path.sep).join('/');
        if (!relative.startsWith('src/')) return undefined;
        const trace = `process.stderr.write(${JSON.stringify(`${SOURCE_TRACE} ${relative}\n`)});\n`;
        return { contents: trace + (await readFile(args.path, 'utf8')), loader: 'ts' };
      });
    },
  };
}

/** The folder of the deployable function that holds the lazy files. */
export const LAZY_DIR = 'lazy';

/** Where each lazily loaded package goes: one file per resolved package entry, named after the package. */
export class LazyFiles {
  private readonly byPath = new Map<string, { file: string; name: string }>();

  /**
   * The lazy file of a package's entry. Named from where the package sits below the project's
   * node_modules, never from the order esbuild happens to resolve things in: a second copy of a package
   * (nested in another's node_modules) gets a suffix from its own path, so every build names alike.
   */
  fileFor(realPath: string, name: string): string {
    const known = this.byPath.get(realPath);
    if (known) return known.file;
    const base = name.replace(/^@/, '').replace(/\//g, '-');
    const posix = realPath.split(path.sep).join('/');
    const inProject = posix.slice(posix.indexOf('/node_modules/') + 1);
    const nested = inProject.indexOf('/node_modules/', 'node_modules/'.length) >= 0;
    const suffix = nested ? `-${createHash('sha256').update(inProject).digest('hex').slice(0, 8)}` : '';
    const file = `${base}${suffix}.js`;
    this.byPath.set(realPath, { file, name });
    return file;
  }

  /** Every lazy file so far: its package's entry and name. */
  entries(): Array<{ file: string; realPath: string; name: string }> {
    return [...this.byPath].map(([realPath, { file, name }]) => ({ file, realPath, name }));
  }

  /** Source text that announces on stderr that a lazy file is evaluated, for the traced build. */
  traceBanner(file: string): string {
    const entry = [...this.byPath.values()].find((candidate) => candidate.file === file);
    return `process.stderr.write(${JSON.stringify(`${LAZY_LOAD_TRACE} ${entry?.name ?? file}\n`)});\n`;
  }
}

/** Forwards every operation to the value `load` returns, calling it on first use. */
const FORWARDING_HANDLER = `{
  get: (_, key) => Reflect.get(load(), key),
  has: (_, key) => key in load(),
  set: (_, key, value) => Reflect.set(load(), key, value),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const found = Reflect.getOwnPropertyDescriptor(load(), key); if (found) found.configurable = true; return found; },
  getPrototypeOf: () => Reflect.getPrototypeOf(load()),
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  construct: (_, args) => Reflect.construct(load(), args),
}`;

/** A module that stands for the package in `requirePath` and requires it on first use, whatever the use is. */
function stubSource(
  requirePath: string,
  esModule: boolean,
  deferredResults: readonly string[],
  forwardedCalls: readonly string[],
): string {
  const lines = [
    'let real;',
    `const load = () => real || (real = require(${JSON.stringify(requirePath)}));`,
    `const handler = ${FORWARDING_HANDLER};`,
    `const esModule = ${esModule};`,
  ];
  if (forwardedCalls.length > 0) {
    return [
      ...lines,
      `const forwarded = Object.fromEntries(${JSON.stringify(forwardedCalls)}.map((name) => [name, (...args) => load()[name](...args)]));`,
      'module.exports = new Proxy(function () {}.bind(), { ...handler, ' +
        'get: (_, key) => (key === "__esModule" ? esModule || undefined : ' +
        'key in forwarded ? forwarded[key] : Reflect.get(load(), key)) });',
      '',
    ].join('\n');
  }
  if (deferredResults.length === 0) {
    return [
      ...lines,
      'module.exports = new Proxy(function () {}.bind(), { ...handler, ' +
        'get: (_, key) => (key === "__esModule" ? esModule || undefined : Reflect.get(load(), key)) });',
      '',
    ].join('\n');
  }
  return [
    ...lines,
    'const deferred = (make) => { let value; const load = () => value || (value = make()); return new Proxy({}, ' +
      FORWARDING_HANDLER +
      '); };',
    `const factories = Object.fromEntries(${JSON.stringify(deferredResults)}.map((name) => [name, (...args) => deferred(() => load()[name](...args))]));`,
    'const view = new Proxy({}, { get: (_, key) => (key in factories ? factories[key] : Reflect.get(load().default, key)) });',
    'module.exports = new Proxy(function () {}.bind(), { ...handler, ' +
      'get: (_, key) => (key === "__esModule" ? esModule || undefined : ' +
      'key === "default" ? view : key in factories ? factories[key] : Reflect.get(load(), key)) });',
    '',
  ].join('\n');
}

export interface LazyModulesOptions {
  packages?: readonly string[];
  deferredResults?: Readonly<Record<string, readonly string[]>>;
  forwardedCalls?: Readonly<Record<string, readonly string[]>>;
  /** Records which file each lazy package goes to. */
  files: LazyFiles;
  /** How a stub in this build requires a lazy file: `./lazy/` from the bundle, `./` from another lazy file. */
  requirePrefix: string;
}

/** Makes each lazy package a stub that requires its own file, registered in `files` for a later build to write. */
export function lazyModulesPlugin(options: LazyModulesOptions): Plugin {
  const packages = options.packages ?? LAZY_PACKAGES;
  const deferredResults = options.deferredResults ?? DEFERRED_RESULTS;
  const forwardedCalls = options.forwardedCalls ?? FORWARDED_CALLS;
  const filter = new RegExp(`^(${packages.map((name) => name.replace(/[/.\\-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.namespace === STUB_NAMESPACE) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          namespace: STUB_NAMESPACE,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        // esbuild names a module by its path in the bundle: relative, so that no build machine's folders
        // end up in the function (and the same sources build the same bytes anywhere).
        const root = build.initialOptions.absWorkingDir ?? process.cwd();
        const shown = path.relative(root, resolved.path).split(path.sep).join('/');
        return { path: shown, namespace: STUB_NAMESPACE, pluginData: { name: args.path, file: resolved.path } };
      });
      build.onLoad({ filter: /.*/, namespace: STUB_NAMESPACE }, (args) => {
        const { name, file: source } = args.pluginData as { name: string; file: string };
        const file = options.files.fileFor(source, name);
        return {
          contents: stubSource(
            `${options.requirePrefix}${file}`,
            readFileSync(source, 'utf8').includes('__esModule'),
            deferredResults[name] ?? [],
            forwardedCalls[name] ?? [],
          ),
          loader: 'js',
        };
      });
      build.onResolve({ filter: /^\.\/(lazy\/)?[^/]+\.js$/, namespace: STUB_NAMESPACE }, (args) => ({
        path: args.path,
        external: true,
      }));
    },
  };
}
