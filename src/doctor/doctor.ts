import { checkAccounts } from './checks-accounts';
import { checkApiQuota } from './checks-api-quota';
import { checkCredentials, checkLogistics } from './checks-credentials';
import { checkHeartbeat } from './checks-heartbeat';
import { checkLocalFiles } from './checks-local';
import { checkRobots } from './checks-robots';
import { checkTemplate } from './checks-template';
import { exitStatus, renderJson, renderText } from './render';
import { unchecked, type Check, type DoctorDeps, type DoctorOptions } from './types';
import { Redactor } from '../https/redactor';

export interface DoctorReport {
  checks: Check[];
  exit: number;
  /** The checklist, or the --json document: what goes to stdout. */
  output: string;
}

const NEEDS_CREDENTIALS = 'Fix the credentials check first.';
const NEEDS_LOGISTICS = 'Fix the logistics check first.';

/**
 * Checks the setup in order (credentials, the Logistics Assistant, the accounts, the template, the API
 * quota, the robots, the local files, the timer's last run) and renders the checklist. A check that
 * needs an earlier one is skipped, as could-not-check, when that one failed. Every line passes through
 * one redactor holding the app secret, each access token and each robot key: none can be printed.
 */
export async function runDoctor(options: DoctorOptions, deps: DoctorDeps): Promise<DoctorReport> {
  const local = await checkLocalFiles(deps.readFile);
  const credentials = await checkCredentials(deps);
  const { wechat } = credentials;
  const checks: Check[] = [credentials.check];
  let accounts: number | undefined;
  if (wechat === undefined) {
    checks.push(
      unchecked('logistics', 'not checked: needs an access token', NEEDS_CREDENTIALS),
      unchecked('accounts', 'not checked: needs an access token', NEEDS_CREDENTIALS),
    );
  } else {
    const logistics = await checkLogistics(wechat);
    checks.push(logistics.check);
    if (logistics.couriers === undefined)
      checks.push(unchecked('accounts', 'not checked: needs the Logistics Assistant', NEEDS_LOGISTICS));
    else {
      const result = await checkAccounts(wechat, logistics.couriers);
      checks.push(...result.checks);
      accounts = result.queryable;
    }
  }
  checks.push(await checkTemplate(deps.env, wechat));
  checks.push(
    wechat === undefined
      ? unchecked('api-quota', 'not checked: needs an access token', NEEDS_CREDENTIALS)
      : await checkApiQuota(wechat, local.trigger, accounts),
  );
  const redactor = wechat?.redactor ?? new Redactor();
  redactor.add(deps.env.WX_APPSECRET?.trim());
  checks.push(...(await checkRobots(deps, options.sendTest, redactor)));
  checks.push(...local.checks);
  const envId = deps.env.WX_CLOUD_ENV?.trim() || local.cloudEnvId;
  checks.push(await checkHeartbeat(wechat, envId, deps.now()));
  const masked = checks.map((check) => ({
    ...check,
    finding: redactor.redact(check.finding),
    fix: redactor.redact(check.fix),
  }));
  return {
    checks: masked,
    exit: exitStatus(masked),
    output: options.json ? renderJson(masked) : renderText(masked),
  };
}
