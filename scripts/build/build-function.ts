import { build } from 'esbuild';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeCodeCaches, type CodeCache, type CodeCacheRuntime } from './code-cache/write-caches';
import { parseDeployConfig, type DeployConfig } from './deploy-config';
import { traceSourcesPlugin } from './lazy-modules';
import { comparePermissions, scanOpenApiCalls } from './openapi-permissions';
import { FUNCTION_NAME } from '../../src/contract/values';
import { splitBundle } from './split-bundle';
import { PATCH_TABLE } from './patches/patch-table';
import { checkPatchMarkers } from './patches/patch-markers';
import { sourcePatchesPlugin, type SourcePatch } from './patches/source-patch';
import { NOTICES_FILE, thirdPartyNotices } from './third-party-notices';

/** The bundle; index.js is the loader that runs it, with a code cache when one fits the runtime. */
const BUNDLE_FILE = 'function.js';
const CODE_CACHE_DIR = path.join(__dirname, 'code-cache');

export interface BuildOptions {
  /** The repository root: holds config.json and src/. */
  rootDir: string;
  /** The deployable folder to write; by default cloudfunctions/getQuota under rootDir. */
  outDir?: string;
  /** The deployment config to check and ship; by default config.json under rootDir. */
  configFile?: string;
  /** Makes the lazy files, and our own modules under src/, announce when they are evaluated (tests only). */
  traceLazyModules?: boolean;
  /**
   * Whether to shorten identifiers. Off by default: measured, it did not make cold starts faster
   * (BENCHMARKS.md), and the cloud's logs then show real function names in stack traces.
   */
  minifyIdentifiers?: boolean;
  /** The patches of bundled packages, each verified in the output; PATCH_TABLE by default (tests inject others). */
  patches?: readonly SourcePatch[];
  /** Runtimes to build a V8 code cache for: the exact Node binaries (and flags) the function may run on. */
  codeCacheRuntimes?: readonly CodeCacheRuntime[];
}

export interface BuildResult {
  outDir: string;
  /** function.js, the bundle that a query loads. */
  bundleBytes: number;
  codeCaches: CodeCache[];
  /** The lazy files, under outDir, with the package each holds. */
  lazyFiles: Array<{ file: string; name: string }>;
  openApiCalls: string[];
  /** Every input of the bundle and the lazy files, as esbuild's metafiles name them (relative to the current directory). */
  inputs: string[];
  /** The npm packages those inputs come from, as THIRD-PARTY-NOTICES.txt lists them. */
  thirdPartyPackages: Array<{ name: string; version: string; licence: string | undefined }>;
  /** The deployment config the build checked and shipped, as it read it. */
  config: DeployConfig;
}

export class BuildError extends Error {
  override readonly name = 'BuildError' as const;
}

/**
 * Bundles the function with wx-server-sdk and zod into one CommonJS file that needs no
 * node_modules (with the packages a query never touches in files of their own under lazy/), checks
 * config.json against the open APIs the code calls, and writes the folder WeChat DevTools uploads:
 * index.js (the loader), function.js, lazy/, code-cache/ (one file per runtime asked for),
 * package.json, config.json, and THIRD-PARTY-NOTICES.txt (every bundled package's licence).
 */
export async function buildFunction(options: BuildOptions): Promise<BuildResult> {
  const rootDir = path.resolve(options.rootDir);
  const outDir = path.resolve(options.outDir ?? path.join(rootDir, 'cloudfunctions', FUNCTION_NAME));
  const configFile = path.resolve(options.configFile ?? path.join(rootDir, 'config.json'));
  const config = parseDeployConfig(await readFile(configFile, 'utf8'), path.relative(process.cwd(), configFile));

  const patches = options.patches ?? PATCH_TABLE;
  const result = await splitBundle({
    entry: path.join(rootDir, 'src', 'function', 'index.ts'),
    outDir,
    mainFile: BUNDLE_FILE,
    // WeChat's default cloud runtime is Node 16.
    esbuild: {
      target: 'node16',
      minifyWhitespace: true,
      minifySyntax: true,
      minifyIdentifiers: options.minifyIdentifiers ?? false,
    },
    plugins: [sourcePatchesPlugin(patches), ...(options.traceLazyModules ? [traceSourcesPlugin(rootDir)] : [])],
    traceLazyFiles: options.traceLazyModules,
  }).catch((error: unknown) => {
    // esbuild reports a plugin's refusal as a failure with its text: surface it as the build's own.
    const text = (error as { errors?: Array<{ text?: string }> }).errors?.[0]?.text;
    throw text ? new BuildError(text) : error;
  });

  const unapplied = checkPatchMarkers(result.files, patches);
  if (unapplied.length > 0) throw new BuildError(`Build stopped: ${unapplied.join('; ')}.`);

  const ownSources = Object.keys(result.metafile.inputs).filter(
    (input) => !input.includes('node_modules') && /\.tsx?$/.test(input),
  );
  const calls = new Set<string>();
  const problems: string[] = [];
  for (const input of ownSources) {
    const scan = scanOpenApiCalls(await readFile(path.resolve(input), 'utf8'), input);
    scan.calls.forEach((call) => calls.add(call));
    problems.push(...scan.problems);
  }
  const openApiCalls = [...calls].sort();
  problems.push(...comparePermissions(openApiCalls, config.permissions.openapi));
  if (problems.length > 0) throw new BuildError(`Build stopped: ${problems.join('; ')}.`);
  const notices = await thirdPartyNotices({ rootDir, inputs: result.inputs, legalComments: result.legalComments });

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  for (const [file, contents] of result.files) {
    await mkdir(path.dirname(path.join(outDir, file)), { recursive: true });
    await writeFile(path.join(outDir, file), contents);
  }
  await writeFile(path.join(outDir, 'index.js'), await loaderText());
  await writeFile(path.join(outDir, 'package.json'), `${JSON.stringify(deployablePackageJson(), null, 2)}\n`);
  await writeFile(path.join(outDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  await writeFile(path.join(outDir, NOTICES_FILE), notices.text);
  const codeCaches = await writeCodeCaches(outDir, options.codeCacheRuntimes ?? []);
  const bundleBytes = (await stat(path.join(outDir, BUNDLE_FILE))).size;
  const thirdPartyPackages = notices.packages.map(({ name, version, licence }) => ({ name, version, licence }));
  return {
    outDir,
    bundleBytes,
    codeCaches,
    lazyFiles: result.lazyFiles,
    openApiCalls,
    inputs: result.inputs,
    thirdPartyPackages,
    config,
  };
}

/**
 * index.js: loader.cjs with the cache format it shares with the trainer (cache-format.cjs), in one
 * file, not minified; named relative to its own folder, so
 * that it is the same bytes from any directory.
 */
async function loaderText(): Promise<string> {
  const result = await build({
    entryPoints: ['loader.cjs'],
    absWorkingDir: CODE_CACHE_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node16',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Everything is bundled, so the cloud has nothing to install. */
function deployablePackageJson() {
  return {
    name: FUNCTION_NAME,
    version: '1.0.0',
    private: true,
    description: 'Built by `npm run build` from src/function; do not edit here.',
    main: 'index.js',
    dependencies: {},
  };
}
