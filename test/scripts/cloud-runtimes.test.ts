import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../src/cli/strict-args';
import { CLOUD_RUNTIMES, runsLinuxBinaries, selectRuntimes } from '../../scripts/cloud-runtimes';

const ROOT = path.resolve(__dirname, '../..');

describe('the cloud runtimes npm run test:runtimes tests', () => {
  it("are CloudBase's five, each on a binary of that very minor release", () => {
    expect(CLOUD_RUNTIMES.map(({ cloud }) => cloud)).toEqual(['16.13', '18.15', '20.19', '22.21', '24.11']);
    for (const { cloud, node } of CLOUD_RUNTIMES) expect(node.startsWith(`${cloud}.`)).toBe(true);
  });

  it.each([
    [undefined, ['16.13', '18.15', '20.19', '22.21', '24.11']],
    ['16,24', ['16.13', '24.11']],
    ['24.11, 16.13', ['16.13', '24.11']],
    ['v22,22.21', ['22.21']],
  ])('--only %j runs %j, in the cloud order', (only, expected) => {
    expect(selectRuntimes(only).map(({ cloud }) => cloud)).toEqual(expected);
  });

  it.each(['19', '16.20', '', ' , '])('--only %j is refused, naming the runtimes offered', (only) => {
    expect(() => selectRuntimes(only)).toThrow(UsageError);
  });

  it.each([
    ['linux', 'x64', true],
    ['linux', 'arm64', false],
    ['darwin', 'arm64', false],
    ['win32', 'x64', false],
  ] as const)('runs the binaries on %s %s: %j', (platform, arch, expected) => {
    expect(runsLinuxBinaries(platform, arch)).toBe(expected);
  });

  it('is what CI runs on the oldest and the newest runtime', () => {
    const ci = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toContain('npm run --silent test:runtimes -- --only 16,24');
    const [oldest, newest] = selectRuntimes('16,24');
    expect([oldest, newest]).toEqual([CLOUD_RUNTIMES[0], CLOUD_RUNTIMES[CLOUD_RUNTIMES.length - 1]]);
  });
});
