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
 * What THIRD-PARTY-NOTICES.txt says, under its index, when it lists packages shipped with no licence at all
 * (`packages` as name@version): plainly, and what it means for the merchant who deploys the folder.
 */
export function withoutLicenceNotice(packages: readonly string[]): string {
  const names = `${packages.slice(0, -1).join(', ')}${packages.length > 1 ? ' and ' : ''}${packages[packages.length - 1] ?? ''}`;
  return [
    `NO LICENCE: ${packages.length === 1 ? 'one of these packages carries' : `${packages.length} of these packages carry`} no licence at all: ${names}.`,
    'Tencent publishes them on npm with no licence file, no licence field and no copyright line: no licence grants anyone a right to copy them, and every right stays with Tencent.',
    'They ship here because they are part of wx-server-sdk (MIT, Tencent), the SDK WeChat documents for every cloud function, which needs them;',
    'a function deployed the conventional way has the cloud install the very same packages from npm.',
    'What a merchant should know: uploading this folder to your own WeChat cloud environment is how wx-server-sdk, and these packages with it, are meant to be used.',
    "Publishing, selling or handing on the built folder (function.js, lazy/) anywhere else copies Tencent's code without a licence;",
    "this project's MIT licence covers its own code only. If your policy allows no unlicensed code, ask Tencent (WeChat's developer community) before shipping it.",
    'This is a statement of the facts, not legal advice.',
  ].join('\n');
}

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
