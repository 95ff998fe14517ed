import { canFreezeInstances } from '../../emulator/freezing';
import { npmCommand } from '../../scripts/npm-command';

describe('what differs between Windows, macOS and Linux', () => {
  it('runs npm through its own CLI with this Node under npm run, on every platform alike', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const)
      expect(npmCommand(['ci'], { platform, execPath: '/node', npmExecPath: '/npm/bin/npm-cli.js' })).toEqual({
        file: '/node',
        args: ['/npm/bin/npm-cli.js', 'ci'],
        shell: false,
      });
  });

  it('falls back on npm from PATH: npm.cmd through the shell on Windows, npm elsewhere', () => {
    expect(npmCommand(['ci'], { platform: 'win32', execPath: 'C:\\node.exe' })).toEqual({
      file: 'npm.cmd',
      args: ['ci'],
      shell: true,
    });
    for (const platform of ['darwin', 'linux'] as const)
      expect(npmCommand(['ci'], { platform, execPath: '/node' })).toEqual({ file: 'npm', args: ['ci'], shell: false });
  });

  it('freezes idle instances where POSIX signals exist, and leaves them running on Windows', () => {
    expect(canFreezeInstances('linux')).toBe(true);
    expect(canFreezeInstances('darwin')).toBe(true);
    expect(canFreezeInstances('win32')).toBe(false);
  });
});
