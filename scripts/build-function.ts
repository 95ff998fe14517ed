import { build } from 'esbuild';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDeployConfig } from './deploy-config';
import { keepWechatAnswerPlugin } from './keep-wechat-answer';
import { lazyModulesPlugin } from './lazy-modules';
import { comparePermissions, scanOpenApiCalls } from './openapi-permissions';

export const FUNCTION_NAME = 'getQuota';

export interface BuildOptions {
  /** The repository root: holds config.json and src/. */
  rootDir: string;
  /** The deployable folder to write; by default cloudfunctions/getQuota under rootDir. */
  outDir?: string;
  /** The deployment config to check and ship; by default config.json under rootDir. */
  configFile?: string;
  /** Makes the lazy stubs announce when their package is evaluated (tests only). */
  traceLazyModules?: boolean;
}

export interface BuildResult {
  outDir: string;
  bundleBytes: number;
  openApiCalls: string[];
}

export class BuildError extends Error {
  override readonly name = 'BuildError' as const;
}

/**
 * Bundles the function with wx-server-sdk and zod into one CommonJS file that needs no
 * node_modules, checks config.json against the open APIs the code calls, and writes the folder
 * WeChat DevTools uploads: index.js, package.json, config.json.
 */
export async function buildFunction(options: BuildOptions): Promise<BuildResult> {
  const rootDir = path.resolve(options.rootDir);
  const outDir = path.resolve(options.outDir ?? path.join(rootDir, 'cloudfunctions', FUNCTION_NAME));
  const configFile = path.resolve(options.configFile ?? path.join(rootDir, 'config.json'));
  const config = parseDeployConfig(await readFile(configFile, 'utf8'), path.relative(process.cwd(), configFile));

  const result = await build({
    entryPoints: [path.join(rootDir, 'src', 'function', 'index.ts')],
    bundle: true,
    platform: 'node',
    // WeChat's default cloud runtime is Node 16.
    target: 'node16',
    format: 'cjs',
    minify: true,
    legalComments: 'external',
    metafile: true,
    write: false,
    outfile: path.join(outDir, 'index.js'),
    logLevel: 'silent',
    plugins: [keepWechatAnswerPlugin(), lazyModulesPlugin(undefined, options.traceLazyModules)],
  }).catch((error: unknown) => {
    // esbuild reports a plugin's refusal as a failure with its text: surface it as the build's own.
    const text = (error as { errors?: Array<{ text?: string }> }).errors?.[0]?.text;
    throw text ? new BuildError(text) : error;
  });

  const ownSources = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules') && /\.tsx?$/.test(input));
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

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  for (const file of result.outputFiles) await writeFile(file.path, file.contents);
  await writeFile(path.join(outDir, 'package.json'), `${JSON.stringify(deployablePackageJson(), null, 2)}\n`);
  await writeFile(path.join(outDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const bundleBytes = (await stat(path.join(outDir, 'index.js'))).size;
  return { outDir, bundleBytes, openApiCalls };
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
