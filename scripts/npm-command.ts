/**
 * How to run npm from a script on any machine. Under `npm run`, npm tells its own CLI's path
 * (`npm_execpath`), run with this very Node: no shell, no PATH look-up, the same on Windows, macOS and
 * Linux. Otherwise `npm` from PATH; on Windows that is `npm.cmd`, which Node (since the 2024 batch-file
 * fix) starts only through the shell.
 */
export function npmCommand(
  args: readonly string[],
  environment: { platform: NodeJS.Platform; execPath: string; npmExecPath?: string } = {
    platform: process.platform,
    execPath: process.execPath,
    npmExecPath: process.env.npm_execpath,
  },
): { file: string; args: string[]; shell: boolean } {
  const cli = environment.npmExecPath;
  if (cli && /\.(c|m)?js$/.test(cli)) return { file: environment.execPath, args: [cli, ...args], shell: false };
  if (environment.platform === 'win32') return { file: 'npm.cmd', args: [...args], shell: true };
  return { file: 'npm', args: [...args], shell: false };
}
