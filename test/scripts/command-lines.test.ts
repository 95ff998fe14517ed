import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Each npm script that takes options (test, lint and the like are npm's and tools' own), and how a user names it. */
const SCRIPTS = {
  start: 'npm start',
  quota: 'npm run quota',
  doctor: 'npm run doctor',
  build: 'npm run build',
  deploy: 'npm run deploy',
  'compile-check': 'npm run compile-check',
  bench: 'npm run bench',
  screenshots: 'npm run screenshots',
  'test:runtimes': 'npm run test:runtimes',
} as const;

/** The file of scripts/ each runs, where it is not named as the script (no ':' in a Windows file name). */
const FILES: Partial<Record<keyof typeof SCRIPTS, string>> = { 'test:runtimes': 'test-runtimes' };

async function script(name: keyof typeof SCRIPTS, argv: string[]) {
  try {
    const { stdout, stderr } = await run(TSX, [`scripts/${FILES[name] ?? name}.ts`, ...argv], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('every script reads its command line by one rule', () => {
  it('covers each npm script that runs a file of scripts/', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const files = Object.entries(scripts)
      .filter(([, command]) => /tsx scripts\//.test(command))
      .map(([name]) => name);
    expect(files.sort()).toEqual(Object.keys(SCRIPTS).sort());
  });

  it.each(Object.entries(SCRIPTS))(
    '%s: help wins anywhere, even beside an unknown option',
    async (name) => {
      const help = await script(name as keyof typeof SCRIPTS, ['--bogus', '-h']);
      expect([help.code, help.stderr]).toEqual([0, '']);
      expect(help.stdout).toMatch(/^Usage: /);
      expect(help.stdout).toContain('-h, --help');
    },
    30_000,
  );

  it.each(Object.entries(SCRIPTS))(
    '%s: an unknown or repeated option is status 2, in one line pointing at --help',
    async (name, user) => {
      for (const argv of [['--bogus'], ['--json', '--json']]) {
        const refused = await script(name as keyof typeof SCRIPTS, argv);
        expect([refused.code, refused.stdout]).toEqual([2, '']);
        expect(refused.stderr).toMatch(
          new RegExp(`^${name === 'quota' ? 'quota' : user}: [^\\n]+ \\(${user} -- --help lists the options\\)\\n$`),
        );
      }
    },
    30_000,
  );
});
