import { FUNCTION_NAME } from '../src/contract/values';

/** Distinctive, so that tests can prove they never appear in a result or a log. */
export const EMULATED_SECRET_ID = 'AKIDemulatorSecretId0000000000000';
export const EMULATED_SECRET_KEY = 'emulatorSecretKey0000000000000000';
const EMULATED_SESSION_TOKEN = 'emulatorSessionToken000000000000';

export const DEFAULT_ENV_ID = 'emulator-env';
/** The zone the cloud runs functions in unless the console's TZ variable says otherwise. */
export const CLOUD_TIME_ZONE = 'UTC';

export interface RuntimeEnvOptions {
  /** The cloud server's admin URL, injected as the cloud injects its own. */
  adminUrl: string;
  envId?: string | undefined;
  /** The function's environment variables, as set in the cloud console. */
  functionEnv?: Record<string, string> | undefined;
  /** An IANA zone set as the console's TZ variable would; UTC, as in the cloud, by default. */
  timeZone?: string | undefined;
  /** The Node binary's version (`v16.20.2`), for SCF_RUNTIME. */
  nodeVersion?: string | undefined;
}

/**
 * The environment the cloud sets for a function instance. `TENCENTCLOUD_RUNENV=SCF` matters most:
 * @cloudbase/node-sdk's checkIsInScf() reads it, and without it every call first looks up
 * metadata.tencentyun.com and keeps sockets alive, a path production never takes.
 */
export function cloudRuntimeEnv(options: RuntimeEnvOptions): Record<string, string> {
  const envId = options.envId ?? DEFAULT_ENV_ID;
  const major = /^v?(\d+)/.exec(options.nodeVersion ?? process.version)?.[1] ?? '16';
  return {
    ...options.functionEnv,
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_APPID: '1250000000',
    SCF_NAMESPACE: envId,
    SCF_FUNCTIONNAME: FUNCTION_NAME,
    SCF_FUNCTIONVERSION: '$LATEST',
    SCF_RUNTIME: `Nodejs${major}`,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: options.adminUrl }),
    // The cloud hands each instance temporary credentials; the emulator ignores their values.
    TENCENTCLOUD_SECRETID: EMULATED_SECRET_ID,
    TENCENTCLOUD_SECRETKEY: EMULATED_SECRET_KEY,
    TENCENTCLOUD_SESSIONTOKEN: EMULATED_SESSION_TOKEN,
    TCB_ENV: envId,
    TCB_CONTEXT_KEYS: 'TCB_ENV',
    // The cloud sets no TZ and its hosts run in UTC; naming UTC keeps a developer's own zone out.
    TZ: options.timeZone ?? options.functionEnv?.TZ ?? CLOUD_TIME_ZONE,
  };
}
