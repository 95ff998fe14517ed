/**
 * Whether the emulator can freeze an instance between invocations, as the cloud does: it stops the
 * process with SIGSTOP and resumes it with SIGCONT, POSIX signals that Windows does not have (Node's
 * kill answers ENOSYS there). On Windows an idle instance keeps running instead: everything else works,
 * but work an invocation left behind may progress between invocations, which the cloud would not let
 * it, so the tests that prove freezing are skipped there.
 */
export function canFreezeInstances(platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32';
}
