import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { STUB_NAMESPACE } from './lazy-modules';
import { renderNotices } from './notices/render-notices';
import { ThirdPartyNoticesError, shippedPackages, type ShippedPackage } from './notices/shipped-packages';

/** The notices file of the deployable folder; it replaces esbuild's LEGAL.txt. */
export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

export interface NoticesOptions {
  /** The repository root: its package.json and LICENSE are the project's own licence. */
  rootDir: string;
  /** Every input of every bundle written, as esbuild's metafiles name them (relative to workingDir). */
  inputs: readonly string[];
  /** esbuild's external licence comments of those bundles. */
  legalComments: readonly string[];
  /** By default the current directory, which esbuild's metafile paths are relative to. */
  workingDir?: string;
}

/** The text of THIRD-PARTY-NOTICES.txt for the bundles built from `inputs`, and the packages it lists. */
export async function thirdPartyNotices(
  options: NoticesOptions,
): Promise<{ text: string; packages: ShippedPackage[] }> {
  const rootDir = path.resolve(options.rootDir);
  const manifest = JSON.parse(await readFile(path.join(rootDir, 'package.json'), 'utf8')) as {
    name: string;
    license: string;
  };
  const licenceText = await readFile(path.join(rootDir, 'LICENSE'), 'utf8').catch(() => {
    throw new ThirdPartyNoticesError(
      `Build stopped: ${path.join(rootDir, 'LICENSE')} is missing; the notices file ships the project's own licence text from it.`,
    );
  });
  const packages = await shippedPackages({
    inputs: options.inputs,
    workingDir: options.workingDir ?? process.cwd(),
    projectDir: rootDir,
    generatedNamespaces: [STUB_NAMESPACE],
  });
  const project = { name: manifest.name, licence: manifest.license, licenceText: licenceText.trim() };
  return { text: renderNotices({ project, packages, legalComments: options.legalComments }), packages };
}
