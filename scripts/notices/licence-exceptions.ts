/** A package published with no licence file and no licence field, reviewed and accepted by exact version. */
export interface LicenceException {
  /** What the notices file states as its licence. */
  licence: string;
  /** Why it ships anyway: read by whoever upgrades it, printed in the notices file. */
  why: string;
}

const TENCENT_SDK_PART =
  'Tencent publishes it with no licence file, no licence field and no copyright line (all rights are therefore theirs). ' +
  'It is part of wx-server-sdk (MIT, Tencent), the SDK WeChat documents for cloud functions, which requires it through @cloudbase/node-sdk (MIT, Tencent); ' +
  'WeChat cloud would otherwise install it from npm itself. Listed so that it is not mistaken for openly licensed code.';

/**
 * Keyed by name@version, so an upgrade is reviewed again: the build stops on any other package that
 * declares no licence (or declares UNLICENSED), and the fix is to review it and add it here, or drop it.
 */
export const LICENCE_EXCEPTIONS: Readonly<Record<string, LicenceException>> = {
  '@cloudbase/signature-nodejs@2.2.0': {
    licence: 'NOASSERTION',
    why: `Signs the SDK's requests to the cloud (in function.js). ${TENCENT_SDK_PART}`,
  },
  '@cloudbase/wx-cloud-client-sdk@1.7.1': {
    licence: 'NOASSERTION',
    why: `Data-model client that the node SDK builds at start-up (in lazy/, never evaluated by getQuota's calls). ${TENCENT_SDK_PART}`,
  },
};
