import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentError } from '../src/cli/quota-target';
import type { ArgValues } from '../src/cli/strict-args';
import { FUNCTION_NAME } from '../src/contract/values';
import { buildFunction } from './build/build-function';
import { codeCacheRuntimes } from './build/code-cache/runtime-options';
import { PROJECT_IGNORES, compileMiniprogram } from './compile-miniprogram';
import { folderBytes } from './folder-bytes';
import { DEPLOY_COMMAND, describePlan, readDeploySettings, type DeployPlan } from './deploy-plan';
import { loadMiniprogramCi } from './miniprogram-ci';
import { deployBlockers, describePlaceholder, readProjectSettings } from './placeholders';
import { runScript } from './run-script';

const ROOT = path.resolve(__dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function deploy(values: ArgValues<typeof DEPLOY_COMMAND.options>): Promise<void> {
  const dryRun = values['dry-run'] ?? false;
  const settings = dryRun ? undefined : readDeploySettings(process.env);
  const projectSettings = await readProjectSettings(ROOT);
  // The repository ships placeholders, and CI dry-runs it as it is: a dry run warns, a deploy refuses.
  if (!settings)
    for (const placeholder of projectSettings.placeholders)
      log(`warning: ${describePlaceholder(placeholder)} (npm run deploy refuses it)`);
  const blockers = settings ? deployBlockers(projectSettings, settings.appId) : [];
  if (blockers.length > 0) throw new EnvironmentError(`cannot deploy: ${blockers.join('; ')}.`);
  const built = await buildFunction({ rootDir: ROOT, codeCacheRuntimes: codeCacheRuntimes(values, ROOT) });
  log(`Built ${path.relative(ROOT, built.outDir)}; config.json matches the open APIs the code calls.`);
  const ci = loadMiniprogramCi(log);
  const compiled = await compileMiniprogram(ci, ROOT, settings?.appId ?? projectSettings.appid ?? '', log);
  log(`WeChat's compiler accepted the mini-program (${compiled.compiledFiles} files).`);
  const plan: DeployPlan = {
    functionName: FUNCTION_NAME,
    functionDir: path.relative(ROOT, built.outDir),
    files: await Promise.all(
      (await readdir(built.outDir))
        .sort()
        .map(async (name) => ({ name, bytes: await folderBytes(path.join(built.outDir, name)) })),
    ),
    permissions: built.config.permissions.openapi,
    trigger: built.config.triggers?.[0],
    envId: settings?.envId,
  };
  if (!settings) {
    process.stdout.write(`Dry run: nothing was sent to WeChat. Would upload:\n${describePlan(plan)}\n`);
    return;
  }
  process.stdout.write(`Uploading:\n${describePlan(plan)}\n`);
  const project = new ci.Project({
    appid: settings.appId,
    type: 'miniProgram',
    projectPath: ROOT,
    privateKeyPath: settings.privateKeyPath,
    ignores: PROJECT_IGNORES,
  });
  const uploaded = await ci.cloud.uploadFunction({
    project,
    env: settings.envId,
    name: FUNCTION_NAME,
    path: built.outDir,
    remoteNpmInstall: false,
  });
  process.stdout.write(`Uploaded ${FUNCTION_NAME}: ${uploaded.filesCount} files, ${uploaded.packSize} bytes.\n`);
  if (plan.trigger) {
    const answer = await ci.cloud.createTimeTrigger({
      project,
      envId: settings.envId,
      functionName: FUNCTION_NAME,
      triggersConfig: [plan.trigger],
    });
    process.stdout.write(`Timer trigger ${plan.trigger.name}: ${answer}\n`);
  }
  process.stdout.write(`Set QUOTA_ADMIN_OPENIDS for ${FUNCTION_NAME} in the cloud console if you have not yet.\n`);
}

void runScript(deploy, { name: 'npm run deploy', command: DEPLOY_COMMAND, exitWhenDone: true });
