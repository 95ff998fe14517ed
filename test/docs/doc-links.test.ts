import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { headingAnchors, localLinks } from '../support/markdown';

const ROOT = path.resolve(__dirname, '..', '..');
const DOCUMENTS = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** Each broken link of a document, as `document → target: why`. */
function brokenLinks(document: string): string[] {
  const broken: string[] = [];
  for (const link of localLinks(readFileSync(path.join(ROOT, document), 'utf8'))) {
    const [target = '', anchor] = link.split('#');
    const file =
      target === '' ? path.join(ROOT, document) : path.resolve(path.dirname(path.join(ROOT, document)), target);
    if (!file.startsWith(`${ROOT}${path.sep}`)) broken.push(`${document} → ${link}: outside the repository`);
    else if (!existsSync(file)) broken.push(`${document} → ${link}: no such file`);
    else if (anchor !== undefined && file.endsWith('.md') && !headingAnchors(readFileSync(file, 'utf8')).has(anchor))
      broken.push(`${document} → ${link}: no such heading`);
  }
  return broken;
}

describe('the README and docs/', () => {
  it('link only to files of the repository that exist, and to headings those files have', () => {
    expect(DOCUMENTS.length).toBeGreaterThan(1);
    expect(DOCUMENTS.flatMap(brokenLinks)).toEqual([]);
  });
});
