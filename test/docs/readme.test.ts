import { readFileSync } from 'node:fs';
import path from 'node:path';
import { localLinks, proseLines } from '../support/markdown';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const README = read('README.md');

/** A newcomer's page: the reference lives in docs/, and the README links to it. */
const MAX_LINES = 300;
const MAX_TABLE_ROW = 150;
const REFERENCE = ['docs/api.md', 'docs/cli.md', 'docs/configuration.md', 'docs/development.md'];

/** The environment variables named in backticks in the part of each line that `name` picks (undefined: none). */
function variables(text: string, name: (line: string) => string | undefined): string[] {
  const named = proseLines(text).flatMap((line) => [...(name(line) ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)]);
  return [...new Set(named.map((match) => match[1]!))].sort();
}

describe('the README', () => {
  it(`is at most ${MAX_LINES} lines, with table rows of at most ${MAX_TABLE_ROW} characters`, () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(MAX_LINES);
    expect(README.split('\n').filter((line) => line.startsWith('|') && line.length > MAX_TABLE_ROW)).toEqual([]);
  });

  it('links to the reference in docs/', () => {
    const links = localLinks(README).map((link) => link.split('#')[0]);
    expect(REFERENCE.filter((doc) => !links.includes(doc))).toEqual([]);
  });

  it('lists in its short table exactly the variables whose rules docs/configuration.md gives', () => {
    const short = variables(README, (line) => (line.startsWith('| `') ? line.split('|')[1] : undefined));
    const full = variables(read('docs/configuration.md'), (line) => /^- \*\*(.+?)\*\*/.exec(line)?.[1]);
    expect(full.length).toBeGreaterThan(10);
    expect(short).toEqual(full);
  });
});

describe('docs/development.md', () => {
  it('names every npm script of package.json among its commands', () => {
    const manifest = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const commands = proseLines(read('docs/development.md')).filter((line) => line.startsWith('- `npm '));
    const named = (script: string) =>
      commands.some((line) =>
        line.startsWith(`- \`npm ${['start', 'test'].includes(script) ? '' : 'run '}${script}\`:`),
      );
    expect(Object.keys(manifest.scripts).filter((script) => !named(script))).toEqual([]);
  });
});
