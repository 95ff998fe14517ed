import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cloudRuntimeEnv } from '../../src/emulator/runtime-env';
import { kib, median, ms, ratio, table } from './stats';

export interface ColdStartResult {
  markdown: string;
  ours: number;
  conventional: number;
  floor: number;
}

/** The environment a cloud instance has (the emulator's, with TENCENTCLOUD_RUNENV=SCF): the path production takes. */
const RUNTIME_ENV = cloudRuntimeEnv({ adminUrl: 'http://127.0.0.1:9/admin' });

const CONVENTIONAL_SOURCE = `const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
exports.main = async (event) => cloud.openapi.logistics.getQuota({ deliveryId: event.deliveryId, bizId: event.bizId });
`;

/** Milliseconds that `require` of the folder's index.js takes in a fresh Node process. */
function requireTime(functionDir: string): number {
  const probe = `const t = process.hrtime.bigint(); require(${JSON.stringify(path.join(functionDir, 'index.js'))}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6)); process.exit(0);`;
  return Number(execFileSync(process.execPath, ['-e', probe], { env: { PATH: process.env.PATH, ...RUNTIME_ENV } }).toString());
}

async function folderBytes(dir: string, skipNodeModules = false): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !(skipNodeModules && entry.name === 'node_modules')) total += await folderBytes(full, skipNodeModules);
    else if (entry.isFile()) total += (await stat(full)).size;
  }
  return total;
}

/** The folder of package `name` as Node would resolve it from `fromDir`. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** What the conventional deployment uploads with node_modules: the SDK and its whole dependency closure. */
async function sdkClosure(rootDir: string): Promise<{ bytes: number; packages: number }> {
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const found = packageDir(name, dir);
      if (found) visit(found);
    }
  };
  visit(path.join(rootDir, 'node_modules', 'wx-server-sdk'));
  const sizes = await Promise.all([...seen].map((dir) => folderBytes(dir, true)));
  return { bytes: sizes.reduce((sum, size) => sum + size, 0), packages: seen.size };
}

/**
 * Cold start side by side: our deployable bundle, the conventional deployment WeChat's samples use
 * (index.js requiring the unbundled SDK from node_modules), and the floor (a bundle of the SDK alone).
 */
export async function measureColdStart(rootDir: string, ourDir: string, workDir: string, runs: number): Promise<ColdStartResult> {
  const conventionalDir = path.join(workDir, 'conventional');
  const floorDir = path.join(workDir, 'floor');
  await mkdir(conventionalDir, { recursive: true });
  await mkdir(floorDir, { recursive: true });
  await writeFile(path.join(conventionalDir, 'index.js'), CONVENTIONAL_SOURCE);
  await symlink(path.join(rootDir, 'node_modules'), path.join(conventionalDir, 'node_modules'));
  await writeFile(path.join(floorDir, 'entry.js'), CONVENTIONAL_SOURCE);
  await build({ entryPoints: [path.join(floorDir, 'entry.js')], bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: true, outfile: path.join(floorDir, 'index.js'), nodePaths: [path.join(rootDir, 'node_modules')], logLevel: 'silent' });

  const samples = { ours: [] as number[], conventional: [] as number[], floor: [] as number[] };
  const order = [
    ['ours', ourDir],
    ['conventional', conventionalDir],
    ['floor', floorDir],
  ] as const;
  for (let run = 0; run < runs; run += 1) {
    // Rotate the order so that no variant always runs first, with the file cache colder.
    for (let index = 0; index < order.length; index += 1) {
      const [name, dir] = order[(run + index) % order.length]!;
      samples[name].push(requireTime(dir));
    }
  }
  const ours = median(samples.ours);
  const conventional = median(samples.conventional);
  const floor = median(samples.floor);
  const ourBytes = await folderBytes(ourDir);
  const closure = await sdkClosure(rootDir);
  const packages = closure.packages;
  const conventionalBytes = (await stat(path.join(conventionalDir, 'index.js'))).size + closure.bytes;
  const markdown = [
    table(
      ['deployment', `require time (median of ${runs})`, 'vs conventional', 'vs floor', 'upload size'],
      [
        ['ours: cloudfunctions/getQuota (bundled, minified)', ms(ours), ratio(ours, conventional), ratio(ours, floor), kib(ourBytes)],
        ['conventional: index.js + node_modules/wx-server-sdk', ms(conventional), '1.00×', ratio(conventional, floor), kib(conventionalBytes)],
        ['floor: bundle of the SDK alone', ms(floor), ratio(floor, conventional), '1.00×', '—'],
      ],
    ),
    '',
    `Upload size: ours is ${ratio(ourBytes, conventionalBytes)} the conventional folder with its node_modules (the SDK's ${packages} packages).`,
  ].join('\n');
  return { markdown, ours, conventional, floor };
}
