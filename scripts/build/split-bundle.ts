import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import path from 'node:path';
import { LAZY_DIR, LazyFiles, lazyModulesPlugin } from './lazy-modules';

export interface SplitBundleOptions {
  entry: string;
  /** The deployable folder the files are meant for. */
  outDir: string;
  /** The bundle's file name in outDir. */
  mainFile: string;
  /** esbuild options shared by the bundle and the lazy files (target, minify, …). */
  esbuild: Pick<BuildOptions, 'target' | 'minify' | 'minifyWhitespace' | 'minifySyntax' | 'minifyIdentifiers'>;
  /** Plugins applied to the bundle and to every lazy file, before the lazy-modules plugin. */
  plugins?: Plugin[];
  /** Makes each lazy file announce on stderr when it is evaluated (tests only). */
  traceLazyFiles?: boolean;
  /** By default LAZY_PACKAGES, DEFERRED_RESULTS and FORWARDED_CALLS. */
  lazyPackages?: readonly string[];
  deferredResults?: Readonly<Record<string, readonly string[]>>;
  forwardedCalls?: Readonly<Record<string, readonly string[]>>;
}

export interface SplitBundle {
  /** Every file to write, by path under outDir. */
  files: Map<string, Uint8Array | string>;
  /** The bundle's metafile: what the function itself includes. */
  metafile: Metafile;
  /** Every input of every file written (the bundle and each lazy file), as esbuild names them (relative to the working directory). */
  inputs: string[];
  /** The licence comments esbuild took out of the sources, one block per output file that had any. */
  legalComments: string[];
  /** The lazy files, by path under outDir, with the package each holds. */
  lazyFiles: Array<{ file: string; name: string }>;
}

/**
 * Bundles the function into one CommonJS file, and each lazily loaded package (with whatever only it
 * needs) into a file of its own under lazy/, which the bundle requires on first use. Lazy files can
 * hold stubs of further lazy packages; rounds of builds continue until every one is written.
 */
export async function splitBundle(options: SplitBundleOptions): Promise<SplitBundle> {
  const lazy = new LazyFiles();
  // Licence comments go out of the code and into THIRD-PARTY-NOTICES.txt, which ships beside it: the
  // licences bundled (MIT, ISC, BSD, Apache-2.0, BlueOak) ask that the notice travel with the copy, not inside the code.
  const common: BuildOptions = {
    ...options.esbuild,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    legalComments: 'external',
    write: false,
    logLevel: 'silent',
  };
  const files = new Map<string, Uint8Array | string>();
  const legal = new Set<string>();
  const inputs = new Set<string>();
  const collect = (
    metafile: Metafile | undefined,
    outputs: Array<{ path: string; contents: Uint8Array; text: string }>,
    banner: (relative: string) => string,
  ) => {
    Object.keys(metafile?.inputs ?? {}).forEach((input) => inputs.add(input));
    for (const output of outputs) {
      const relative = path.relative(options.outDir, output.path);
      if (relative.endsWith('.LEGAL.txt')) legal.add(output.text.trim());
      else files.set(relative, banner(relative) ? banner(relative) + output.text : output.contents);
    }
  };

  const main = await build({
    ...common,
    entryPoints: [options.entry],
    outfile: path.join(options.outDir, options.mainFile),
    metafile: true,
    plugins: [
      ...(options.plugins ?? []),
      lazyModulesPlugin({
        files: lazy,
        requirePrefix: `./${LAZY_DIR}/`,
        packages: options.lazyPackages,
        deferredResults: options.deferredResults,
        forwardedCalls: options.forwardedCalls,
      }),
    ],
  });
  collect(main.metafile, main.outputFiles ?? [], () => '');

  const built = new Set<string>();
  for (
    let pending = lazy.entries();
    pending.length > 0;
    pending = lazy.entries().filter((entry) => !built.has(entry.file))
  ) {
    pending.forEach((entry) => built.add(entry.file));
    const round = await build({
      ...common,
      entryPoints: Object.fromEntries(pending.map((entry) => [entry.file.replace(/\.js$/, ''), entry.realPath])),
      outdir: path.join(options.outDir, LAZY_DIR),
      metafile: true,
      plugins: [
        ...(options.plugins ?? []),
        lazyModulesPlugin({
          files: lazy,
          requirePrefix: './',
          packages: options.lazyPackages,
          deferredResults: options.deferredResults,
          forwardedCalls: options.forwardedCalls,
        }),
      ],
    });
    collect(round.metafile, round.outputFiles ?? [], (relative) =>
      options.traceLazyFiles ? lazy.traceBanner(path.basename(relative)) : '',
    );
  }
  return {
    files,
    metafile: main.metafile,
    inputs: [...inputs].sort(),
    legalComments: [...legal],
    lazyFiles: lazy.entries().map((entry) => ({ file: path.join(LAZY_DIR, entry.file), name: entry.name })),
  };
}
