import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The esbuild namespace of the modules this plugin writes in place of zod's JSON Schema generation. */
export const ZOD_STUB_NAMESPACE = 'zod-without-json-schema';

/** What calling a left-out JSON Schema function says. */
export const JSON_SCHEMA_LEFT_OUT =
  "zod's JSON Schema generation is left out of getQuota's bundle (scripts/build/patches/zod-json-schema.ts): " +
  'nothing in the function converts a schema to JSON Schema';

/** The stubs' shared module, in ZOD_STUB_NAMESPACE. */
const LEFT_OUT_MODULE = 'zod-json-schema-left-out';

/** The names a module exports, from its source: zod's files declare each as `export function|const name`. */
function exportedNames(source: string): string[] {
  return [...source.matchAll(/^export (?:function|const) (\w+)/gm)].map((match) => match[1]!);
}

/**
 * Keeps zod's JSON Schema generation (about 18 KB of function.js, which every cold start would compile)
 * out of the bundle. zod's classic schemas reference it only from `toJSONSchema()` and the Standard
 * Schema `jsonSchema` methods, which getQuota never calls: in its place they get functions that say
 * so when called. `aggregateChecks`, which a string's `minLength` and its like read, stays zod's own.
 */
export function zodWithoutJsonSchemaPlugin(): Plugin {
  return {
    name: 'zod-without-json-schema',
    setup(build) {
      // Both stubs import the one function that says it is left out: its text is in the bundle once.
      build.onResolve({ filter: new RegExp(`^${LEFT_OUT_MODULE}$`) }, () => ({
        path: LEFT_OUT_MODULE,
        namespace: ZOD_STUB_NAMESPACE,
      }));
      build.onResolve({ filter: /^\.\.\/core\/(json-schema-processors|to-json-schema)\.js$/ }, (args) => {
        if (!/[\\/]node_modules[\\/]zod[\\/]v4[\\/]classic[\\/]schemas\.js$/.test(args.importer)) return undefined;
        const real = path.resolve(args.resolveDir, args.path);
        // Named relative in the bundle: no build machine's folders in the function.
        const root = build.initialOptions.absWorkingDir ?? process.cwd();
        const shown = path.relative(root, real).split(path.sep).join('/');
        return { path: shown, namespace: ZOD_STUB_NAMESPACE, pluginData: { real } };
      });
      build.onLoad({ filter: /.*/, namespace: ZOD_STUB_NAMESPACE }, (args) => {
        if (args.path === LEFT_OUT_MODULE)
          return {
            contents: `export const leftOut = () => { throw new Error(${JSON.stringify(JSON_SCHEMA_LEFT_OUT)}); };`,
            loader: 'js',
          };
        const { real } = args.pluginData as { real: string };
        const names = exportedNames(readFileSync(real, 'utf8'));
        const kept = path.basename(real) === 'json-schema-processors.js' ? ['aggregateChecks'] : [];
        const missing = kept.filter((name) => !names.includes(name));
        if (missing.length > 0)
          return {
            errors: [
              {
                text:
                  `Build stopped: ${real} no longer exports ${missing.join(', ')}; ` +
                  'update scripts/build/patches/zod-json-schema.ts.',
              },
            ],
          };
        const lines = [
          `import { leftOut } from ${JSON.stringify(LEFT_OUT_MODULE)};`,
          ...names
            .filter((name) => !kept.includes(name))
            .map((name) => `export const ${name} = ${name.startsWith('create') ? '() => leftOut' : 'leftOut'};`),
        ];
        if (kept.length > 0) lines.push(`export { ${kept.join(', ')} } from ${JSON.stringify(real)};`);
        return { contents: lines.join('\n'), loader: 'js', resolveDir: path.dirname(real) };
      });
    },
  };
}
