import { execFileSync } from 'node:child_process';
import path from 'node:path';
import manifest from '../../package.json';

const ROOT = path.resolve(__dirname, '../..');
// The check is plain CommonJS, so that an old Node can read it: loaded the way npm runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nodeVersionProblem } = require('../../scripts/require-node.cjs') as {
  nodeVersionProblem: (version: string, script: string) => string | null;
};

describe('the Node version check before every script', () => {
  it('lets 20.19 and newer through, and refuses older ones in one line naming the version needed and why', () => {
    for (const version of ['20.19.0', '20.20.2', 'v22.21.0', '24.11.1'])
      expect(nodeVersionProblem(version, 'npm start')).toBeNull();
    const problem = nodeVersionProblem('16.20.2', 'npm start');
    expect(problem).toBe(
      "npm start needs Node.js 20.19 or newer, and this is Node.js 16.20.2: the project's tools (the build, the local " +
        'emulator, the tests, ESLint 10) run on 20.19+; the deployed function still runs on every cloud runtime from ' +
        'Node 16. Install the current Node.js LTS from https://nodejs.org and run it again.',
    );
    expect(problem).not.toContain('\n');
    for (const version of ['20.18.9', '18.20.4', '8.0.0'])
      expect(nodeVersionProblem(version, 'x')).toMatch(/needs Node\.js 20\.19/);
  });

  it('runs first in every script that starts a tool, and says nothing on a Node that is new enough', () => {
    const tools = Object.entries(manifest.scripts).filter(
      ([name]) => !['format', 'format:check', 'lint', 'typecheck', 'test:third-zone'].includes(name),
    );
    for (const [name, command] of tools)
      expect([name, command.startsWith('node scripts/require-node.cjs && ')]).toEqual([name, true]);
    expect(execFileSync(process.execPath, ['scripts/require-node.cjs'], { cwd: ROOT, encoding: 'utf8' })).toBe('');
  });

  it('has no shell-only syntax in any npm script, so cmd and PowerShell run them too', () => {
    for (const [name, command] of Object.entries(manifest.scripts))
      expect([name, /(^|\s)[A-Z_]+=\S|\$\(|`|\|\||;\s|'/.test(command)]).toEqual([name, false]);
  });
});
