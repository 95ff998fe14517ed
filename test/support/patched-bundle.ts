import { build } from 'esbuild';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { PATCH_TABLE } from '../../scripts/build/patches/patch-table';
import { sourcePatchesPlugin } from '../../scripts/build/patches/source-patch';

const ROOT = path.resolve(__dirname, '../..');

export interface PatchedBundle {
  /** What the script put in module.exports. */
  answers: Record<string, unknown>;
  /** The bundle's size, in characters. */
  bytes: number;
  /** The files esbuild bundled. */
  inputs: string[];
}

/**
 * Bundles a CommonJS script as the build does (Node 16, one file), with the named patch of the patch
 * table or without any, and runs it in a fresh context with the given globals.
 */
export async function runPatchedBundle(
  script: string,
  options: { patch?: string; minify?: boolean; globals?: Record<string, unknown> },
): Promise<PatchedBundle> {
  const patches = PATCH_TABLE.filter(({ name }) => name === options.patch);
  if (options.patch !== undefined && patches.length === 0) throw new Error(`no patch named ${options.patch}`);
  const result = await build({
    stdin: { contents: script, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node16',
    minify: options.minify ?? false,
    logLevel: 'silent',
    metafile: true,
    plugins: patches.length > 0 ? [sourcePatchesPlugin(patches)] : [],
  });
  const code = result.outputFiles[0]!.text;
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(code, { module, exports: module.exports, require, ...options.globals });
  return { answers: module.exports, bytes: code.length, inputs: Object.keys(result.metafile.inputs) };
}
