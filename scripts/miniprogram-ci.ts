import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { format } from 'node:util';
import { npmCommand } from './npm-command';

/** Where the official miniprogram-ci lives, apart from the main install (it is about 275 MB). */
export const MINIPROGRAM_CI_DIR = path.resolve(__dirname, '..', 'tools', 'miniprogram-ci');

export interface CiProjectOptions {
  appid: string;
  type: 'miniProgram';
  projectPath: string;
  privateKey?: string;
  privateKeyPath?: string;
  ignores?: string[];
  /** Supplying the project attributes lets compilation run offline (no signing nonce is fetched). */
  attr?: () => Promise<unknown>;
}

export type CiProject = object;

/** The part of miniprogram-ci this project uses; the package's own types are not installed with the main tree. */
export interface MiniprogramCi {
  Project: new (options: CiProjectOptions) => CiProject;
  DefaultProjectAttr: unknown;
  getCompiledResult(options: {
    project: CiProject;
    setting?: Record<string, unknown>;
  }): Promise<Record<string, string | Buffer>>;
  cloud: {
    uploadFunction(options: {
      project: CiProject;
      env: string;
      name: string;
      path: string;
      remoteNpmInstall: boolean;
    }): Promise<{ filesCount: number; packSize: number }>;
    createTimeTrigger(options: {
      project: CiProject;
      envId: string;
      functionName: string;
      triggersConfig: { name: string; type: string; config: string }[];
    }): Promise<string>;
  };
}

/**
 * Loads miniprogram-ci, installing it once from tools/miniprogram-ci/package-lock.json if it is
 * missing. It logs its progress with console.log, so that is sent to stderr: stdout stays the script's.
 */
export function loadMiniprogramCi(log: (line: string) => void): MiniprogramCi {
  console.log = (...args: unknown[]) => process.stderr.write(`${format(...args)}\n`);
  console.info = console.log;
  const entry = path.join(MINIPROGRAM_CI_DIR, 'node_modules', 'miniprogram-ci');
  if (!existsSync(entry)) {
    log('Installing the official miniprogram-ci into tools/miniprogram-ci (once; about 275 MB)…');
    const npm = npmCommand(['ci', '--no-audit', '--no-fund', '--loglevel=error']);
    execFileSync(npm.file, npm.args, {
      cwd: MINIPROGRAM_CI_DIR,
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: npm.shell,
    });
  }
  return createRequire(__filename)(entry) as MiniprogramCi;
}
