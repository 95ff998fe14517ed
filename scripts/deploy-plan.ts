import { readFileSync, statSync } from 'node:fs';
import { EnvironmentError } from '../src/cli/quota-target';
import type { OptionDefs } from '../src/cli/strict-args';
import { APPID_PATTERN, APPID_SHAPE } from '../src/function/access/cross-account';
import { CODE_CACHE_OPTIONS, CODE_CACHE_USAGE } from './build/code-cache/runtime-options';
import type { ScriptCommand } from './run-script';

export interface DeploySettings {
  appId: string;
  envId: string;
  privateKeyPath: string;
}

export const DEPLOY_COMMAND = {
  options: { 'dry-run': { type: 'boolean' }, ...CODE_CACHE_OPTIONS },
  usage: `Usage: npm run deploy -- [options]

Builds the getQuota cloud function (checking config.json against the code), compiles the
mini-program with WeChat's own compilers, then uploads the function with miniprogram-ci, and its
timer trigger when config.json declares one.

Options:
  --dry-run                            do everything but contact WeChat: say what would be uploaded
  -h, --help                           show this help
${CODE_CACHE_USAGE}

The placeholders the repository ships (the appid in project.config.json, CLOUD_ENV_ID in
miniprogram/config.ts) make a deploy refuse, naming the file and line; a dry run only warns.

Environment (not needed for --dry-run):
  WX_APPID              the mini-program's appid: project.config.json's
  WX_CLOUD_ENV          the cloud development environment id to deploy to
  WX_PRIVATE_KEY_PATH   the code upload key file, a PEM private key, from the admin console (开发管理 →
                        开发设置 → 小程序代码上传); this machine's IP must be on that page's whitelist`,
} as const satisfies ScriptCommand<OptionDefs>;

/** Reads the deploy settings from the environment; throws naming every missing or unusable one. */
export function readDeploySettings(env: Readonly<Record<string, string | undefined>>): DeploySettings {
  const appId = env.WX_APPID?.trim() ?? '';
  const envId = env.WX_CLOUD_ENV?.trim() ?? '';
  const privateKeyPath = env.WX_PRIVATE_KEY_PATH?.trim() ?? '';
  const problems = [
    appId ? '' : 'WX_APPID is not set (the mini-program appid, such as wx1234567890abcdef)',
    envId ? '' : 'WX_CLOUD_ENV is not set (the cloud environment id from the cloud console)',
    privateKeyPath ? '' : 'WX_PRIVATE_KEY_PATH is not set (the path of the code upload key from the admin console)',
    privateKeyPath ? privateKeyProblem(privateKeyPath) : '',
    appId && !APPID_PATTERN.test(appId) ? `WX_APPID "${appId}" does not look like an appid (${APPID_SHAPE})` : '',
  ].filter(Boolean);
  if (problems.length > 0)
    throw new EnvironmentError(
      `cannot deploy: ${problems.join('; ')}. npm run deploy -- --dry-run needs none of them.`,
    );
  return { appId, envId, privateKeyPath };
}

/** A PEM private key, as the admin console's code upload key file holds one (RSA, PKCS#8 or another). */
const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]+?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/;
/** Far more than any key file: anything bigger is not one, and is not read. */
const MAX_KEY_BYTES = 64 * 1024;

/** Why the file is not a usable upload key, or '' when it is one. Never says what the file holds. */
function privateKeyProblem(file: string): string {
  const said = (what: string) =>
    `WX_PRIVATE_KEY_PATH points at ${file}, ${what}: give the code upload key file from the admin console ` +
    '(开发管理 → 开发设置 → 小程序代码上传)';
  const notAKey = said('which is not a PEM private key file ("-----BEGIN … PRIVATE KEY-----")');
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) return said('which is a folder');
    if (!stats.isFile() || stats.size > MAX_KEY_BYTES) return notAKey;
    return PEM_PRIVATE_KEY.test(readFileSync(file, 'latin1')) ? '' : notAKey;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return said(code === 'ENOENT' ? 'which does not exist' : `which cannot be read (${code ?? 'unknown error'})`);
  }
}

export interface PlannedFile {
  name: string;
  bytes: number;
}

export interface DeployPlan {
  functionName: string;
  functionDir: string;
  files: PlannedFile[];
  permissions: string[];
  trigger: { name: string; type: string; config: string } | undefined;
  envId: string | undefined;
}

export function describePlan(plan: DeployPlan): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const lines = [
    `Cloud function ${plan.functionName} from ${plan.functionDir}${plan.envId ? ` to environment ${plan.envId}` : ''}:`,
    ...plan.files.map((file) => `  ${file.name}  ${kib(file.bytes)}`),
    `  total ${kib(plan.files.reduce((sum, file) => sum + file.bytes, 0))}; nothing installed in the cloud (remoteNpmInstall: false)`,
    `Open-API permissions: ${plan.permissions.join(', ')}`,
    plan.trigger
      ? `Timer trigger ${plan.trigger.name}: ${plan.trigger.config}`
      : 'No timer trigger declared in config.json.',
  ];
  return lines.join('\n');
}
