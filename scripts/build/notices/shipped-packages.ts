import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LICENCE_EXCEPTIONS, type LicenceException } from './licence-exceptions';
import {
  authorOf,
  declaredLicence,
  pickLicenceFiles,
  readmeLicenceText,
  seeLicenceIn,
  sourceAddress,
  type PackageManifest,
} from './package-manifest';

/** One version of an npm package whose files are inputs of what the build ships. */
export interface ShippedPackage {
  name: string;
  version: string;
  /** The declared licence (SPDX expression), or undefined when only a licence file says it. */
  licence: string | undefined;
  /** Repository or homepage. */
  source: string | undefined;
  /** Every folder this version was bundled from, as esbuild names it. */
  dirs: string[];
  /** The package's licence and notice files, in full. */
  licenceFiles: Array<{ file: string; text: string }>;
  /** When it ships no licence file: what stands in for one (README licence section, copyright, author, or a reviewed exception). */
  missingFileNote: string | undefined;
  /** Shipped with no licence at all, as a reviewed exception (scripts/build/notices/licence-exceptions.ts). */
  withoutLicence?: true;
}

export interface ShippedPackagesOptions {
  /** The bundles' metafile inputs, as esbuild names them (relative to workingDir, or `namespace:path`). */
  inputs: readonly string[];
  workingDir: string;
  /** Files under it that are in no node_modules are this project's own, under its licence. */
  projectDir: string;
  /** esbuild namespaces of code a plugin of ours generates (the lazy stubs). */
  generatedNamespaces: readonly string[];
  exceptions?: Readonly<Record<string, LicenceException>>;
}

export class ThirdPartyNoticesError extends Error {
  override readonly name = 'ThirdPartyNoticesError' as const;
}

const NO_FILE = 'No licence file shipped by the package.';
const HOW_TO_FIX =
  'Every package the function bundles must say under which licence it ships: ' +
  'check the package, then replace it, or review it ' +
  'and add its name@version to scripts/build/notices/licence-exceptions.ts';

/** The folder of the package an input belongs to (after its last node_modules), or undefined when it is in none. */
export function packageDirOf(input: string): string | undefined {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  const depth = parts[at + 1]?.startsWith('@') ? 2 : 1;
  if (at < 0 || parts.length < at + depth + 2) return undefined;
  return parts.slice(0, at + depth + 1).join('/');
}

/**
 * The packages whose files the build bundled, each with its licence texts, sorted by name then
 * version, one entry per version. Throws, naming every one, when an input belongs to no package and
 * is not this project's, or a package cannot be read or declares no licence.
 */
export async function shippedPackages(options: ShippedPackagesOptions): Promise<ShippedPackage[]> {
  const problems: string[] = [];
  const dirs = new Set<string>();
  for (const input of options.inputs) {
    const namespace = /^([\w-]{2,}):/.exec(input)?.[1];
    if (namespace) {
      if (!options.generatedNamespaces.includes(namespace))
        problems.push(
          `${input} comes from the esbuild namespace "${namespace}", which is neither a package nor code of ours`,
        );
      continue;
    }
    const dir = packageDirOf(input);
    if (dir) dirs.add(dir);
    else if (!isInside(options.projectDir, path.resolve(options.workingDir, input)))
      problems.push(`${input} is in no node_modules package and outside this project`);
  }

  const byKey = new Map<string, ShippedPackage>();
  const sortedDirs = [...dirs].sort();
  const read = await Promise.all(
    sortedDirs.map((dir) =>
      readPackage(path.resolve(options.workingDir, dir), dir, options.exceptions ?? LICENCE_EXCEPTIONS),
    ),
  );
  for (const [index, found] of read.entries()) {
    const dir = sortedDirs[index]!;
    if (typeof found === 'string') problems.push(found);
    else {
      const same = byKey.get(`${found.name}@${found.version}`);
      if (!same) byKey.set(`${found.name}@${found.version}`, found);
      else {
        same.dirs.push(dir);
        same.source ??= found.source;
      }
    }
  }
  if (problems.length > 0)
    throw new ThirdPartyNoticesError(
      `Build stopped: cannot list the licences of what the function bundles: ${problems.join('; ')}. ${HOW_TO_FIX}.`,
    );
  return [...byKey.values()].sort((a, b) =>
    a.name === b.name ? a.version.localeCompare(b.version, 'en', { numeric: true }) : a.name < b.name ? -1 : 1,
  );
}

/** The package in `absDir`, or a sentence saying what is wrong with it. */
async function readPackage(
  absDir: string,
  dir: string,
  exceptions: Readonly<Record<string, LicenceException>>,
): Promise<ShippedPackage | string> {
  let manifest: PackageManifest;
  let fileNames: string[];
  try {
    manifest = JSON.parse(await readFile(path.join(absDir, 'package.json'), 'utf8')) as PackageManifest;
    fileNames = (await readdir(absDir, { withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch (error) {
    return `${dir}/package.json cannot be read (${(error as Error).message})`;
  }
  const { name, version } = manifest;
  if (typeof name !== 'string' || !name || typeof version !== 'string' || !version)
    return `${dir}/package.json has no name or no version`;

  const declared = declaredLicence(manifest);
  const named = seeLicenceIn(declared);
  const picked = pickLicenceFiles(fileNames);
  const files = named && fileNames.includes(named) && !picked.includes(named) ? [named, ...picked] : picked;
  const licenceFiles = await Promise.all(
    files.map(async (file) => ({ file, text: (await readFile(path.join(absDir, file), 'utf8')).trim() })),
  );
  const shipped = {
    name,
    version,
    licence: declared,
    source: sourceAddress(manifest),
    dirs: [dir],
    licenceFiles,
    missingFileNote: undefined,
  };

  const unlicensed = declared !== undefined && /^UNLICEN[CS]ED$/i.test(declared);
  const exception = exceptions[`${name}@${version}`];
  if (exception && (unlicensed || (!declared && licenceFiles.length === 0))) {
    const said = unlicensed ? `Marked ${declared}.` : `${NO_FILE} No licence declared.`;
    return {
      ...shipped,
      licence: exception.licence,
      missingFileNote: `${said} ${exception.why}`,
      withoutLicence: true,
    };
  }
  if (unlicensed) return `${name}@${version} (${dir}) is marked ${declared}: not licensed for others to ship`;
  if (licenceFiles.length > 0) return shipped;
  if (!declared) return `${name}@${version} (${dir}) has neither a licence file nor a licence in its package.json`;
  return { ...shipped, missingFileNote: `${NO_FILE}\n${await standInText(absDir, fileNames, manifest)}` };
}

/** The README's licence section or copyright lines, else the package.json author. */
async function standInText(absDir: string, fileNames: readonly string[], manifest: PackageManifest): Promise<string> {
  const readme = fileNames.find((file) => /^readme(\.(md|markdown|txt))?$/i.test(file));
  const fromReadme = readme ? readmeLicenceText(await readFile(path.join(absDir, readme), 'utf8')) : undefined;
  if (fromReadme) return `From its ${readme}:\n${fromReadme}`;
  const author = authorOf(manifest);
  return author
    ? `Copyright: ${author} (its package.json author; no copyright line in the package).`
    : 'No copyright line or author in the package.';
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
