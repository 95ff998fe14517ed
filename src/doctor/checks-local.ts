import { parseDeployConfig, type DeployConfig } from '../../scripts/build/deploy-config';
import { comparePermissions } from '../../scripts/build/openapi-permissions';
import {
  configuredCloudEnvId,
  describePlaceholder,
  findPlaceholders,
  MINIPROGRAM_CONFIG,
  PROJECT_CONFIG,
} from '../../scripts/placeholders';
import { runsPerDay } from './cron';
import { fail, ok, type Check, type DoctorDeps } from './types';

export const CONFIG_JSON = 'config.json';

/** The open APIs the function calls: what config.json must declare, no more (the build checks the same on the bundle). */
export const REQUIRED_OPENAPI = [
  'logistics.getAllAccount',
  'logistics.getAllDelivery',
  'logistics.getQuota',
  'subscribeMessage.send',
] as const;

const REDEPLOY = 'then deploy the function again (npm run deploy, or DevTools → 上传并部署：所有文件)';

/** Check 7's outcome, with the trigger's cron for the API quota check and CLOUD_ENV_ID for the heartbeat's. */
export interface LocalResult {
  checks: Check[];
  trigger: string | undefined;
  /** miniprogram/config.ts's CLOUD_ENV_ID; undefined while it is the placeholder or the file cannot be read. */
  cloudEnvId: string | undefined;
}

/** Check 7: config.json's permissions and timer trigger, and the placeholders of project.config.json and miniprogram/config.ts. */
export async function checkLocalFiles(readFile: DoctorDeps['readFile']): Promise<LocalResult> {
  const checks: Check[] = [];
  let config: DeployConfig | undefined;
  try {
    config = parseDeployConfig(await readFile(CONFIG_JSON), CONFIG_JSON);
  } catch (error) {
    checks.push(
      fail('permissions', oneLine(error), `Fix ${CONFIG_JSON} (the repository has a correct one); ${REDEPLOY}.`),
    );
  }
  const trigger = config?.triggers?.[0];
  if (config) {
    const mismatches = comparePermissions(REQUIRED_OPENAPI, config.permissions.openapi);
    checks.push(
      mismatches.length === 0
        ? ok('permissions', `${CONFIG_JSON} declares ${REQUIRED_OPENAPI.join(', ')}`)
        : fail(
            'permissions',
            `${CONFIG_JSON}: ${mismatches.join('; ')}`,
            `Fix permissions.openapi; ${REDEPLOY}: the cloud applies it within about 10 minutes (until then calls answer -604101).`,
          ),
    );
    const runs = trigger === undefined ? undefined : runsPerDay(trigger.config);
    checks.push(
      trigger === undefined
        ? fail(
            'trigger',
            `${CONFIG_JSON} has no timer trigger: the alerts and the forecast's readings never run`,
            `Add the trigger (the repository's config.json has quotaCheck, every 10 minutes); ${REDEPLOY} and upload the trigger (DevTools → 上传触发器; npm run deploy does it).`,
          )
        : ok(
            'trigger',
            `timer ${trigger.name} at "${trigger.config}"${runs ? ` (${runs} runs a day)` : ''}; whether it was uploaded and runs: see the timer line`,
          ),
    );
  }
  let cloudEnvId: string | undefined;
  try {
    const projectConfig = await readFile(PROJECT_CONFIG);
    const miniprogramConfig = await readFile(MINIPROGRAM_CONFIG);
    cloudEnvId = configuredCloudEnvId(miniprogramConfig);
    const placeholders = findPlaceholders({ projectConfig, miniprogramConfig });
    checks.push(
      placeholders.length === 0
        ? ok('placeholders', `${PROJECT_CONFIG} and ${MINIPROGRAM_CONFIG} name your app and cloud environment`)
        : fail(
            'placeholders',
            placeholders.map(describePlaceholder).join('; '),
            'Replace each placeholder with your own value (README, set up step 1).',
          ),
    );
  } catch (error) {
    checks.push(
      fail(
        'placeholders',
        oneLine(error),
        `Restore ${PROJECT_CONFIG} and ${MINIPROGRAM_CONFIG} from the repository, then set your values.`,
      ),
    );
  }
  return { checks, trigger: trigger?.config, cloudEnvId };
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim().replace(/\s*\n\s*/g, ' ');
}
