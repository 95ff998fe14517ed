/**
 * Variables the cloud sets in production that the emulator's runtime does not set yet, and which
 * @cloudbase/node-sdk branches on (checkIsInScf: no metadata look-up, no keep-alive). The benchmark,
 * the code-cache training and the lazy-files test add them to the function's environment.
 */
export const PRODUCTION_ENV: Readonly<Record<string, string>> = {
  TENCENTCLOUD_RUNENV: 'SCF',
  TENCENTCLOUD_REGION: 'ap-shanghai',
  SCF_FUNCTIONNAME: 'getQuota',
  SCF_FUNCTIONVERSION: '$LATEST',
};
