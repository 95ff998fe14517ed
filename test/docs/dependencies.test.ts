import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

describe('docs/dependencies.md', () => {
  it('names every dependency and devDependency of package.json, with its reason', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const names = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})];
    const doc = readFileSync(path.join(ROOT, 'docs', 'dependencies.md'), 'utf8');
    const tableRows = doc.split('\n').filter((line) => line.startsWith('| '));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !tableRows.some((row) => row.includes(`\`${name}\``)))).toEqual([]);
  });
});
