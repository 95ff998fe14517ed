import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { folderBytes } from '../folder-bytes';

/** What WeChat's samples deploy: index.js requiring the unbundled SDK, which the cloud installs into node_modules. */
const conventionalSource = (initOptions: string) => `const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV${initOptions} });
exports.main = async (event) => cloud.openapi.logistics.getQuota({ deliveryId: event.deliveryId, bizId: event.bizId });
`;

/** The folder of package `name` as Node would resolve it from `fromDir`. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The SDK and its whole dependency closure, as folders under rootDir/node_modules. */
function sdkClosure(rootDir: string): string[] {
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const found = packageDir(name, dir);
      if (found) visit(found);
    }
  };
  visit(path.join(rootDir, 'node_modules', 'wx-server-sdk'));
  return [...seen];
}

/**
 * Writes the conventional deployment into `dir`: WeChat's sample index.js and a node_modules holding
 * wx-server-sdk with exactly its dependency closure, laid out as npm installed it here. With
 * `keepalive`, the SDK keeps its connections open between calls (off by default in the cloud).
 */
export async function writeConventionalFunction(
  rootDir: string,
  dir: string,
  options: { keepalive?: boolean } = {},
): Promise<{ bytes: number; packages: number }> {
  const packages = sdkClosure(rootDir);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'index.js'), conventionalSource(options.keepalive ? ', keepalive: true' : ''));
  await writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'getQuota', main: 'index.js', dependencies: { 'wx-server-sdk': '4.0.2' } }, null, 2)}\n`,
  );
  for (const packageDirectory of packages) {
    const nested = path.join(packageDirectory, 'node_modules');
    await cp(packageDirectory, path.join(dir, path.relative(rootDir, packageDirectory)), {
      recursive: true,
      filter: (source) => source !== nested,
    });
  }
  return { bytes: await folderBytes(dir), packages: packages.length };
}
