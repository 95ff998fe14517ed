import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/* What the emulator asks of a function process and its Node binary. */

const versions = new Map<string, string>();

/** The Node version a binary reports, for SCF_RUNTIME; asked once per binary. */
export function versionOf(nodePath: string | undefined): string {
  if (!nodePath || nodePath === process.execPath) return process.version;
  let version = versions.get(nodePath);
  if (version === undefined) {
    try {
      version = execFileSync(nodePath, ['--version']).toString().trim();
    } catch {
      version = process.version;
    }
    versions.set(nodePath, version);
  }
  return version;
}

/** A process's peak resident memory so far, where the OS tells it (Linux). */
export function peakRssBytes(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/** CPU time a process's main thread has used so far, where the OS tells it (Linux): steadier than wall time on a shared machine. */
export function mainThreadCpuMs(pid: number | undefined): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}
