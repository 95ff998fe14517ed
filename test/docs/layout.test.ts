import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fencedBlockAfter } from '../support/markdown';

const ROOT = path.resolve(__dirname, '..', '..');

/** The files of the repository as they would be committed: tracked, plus new ones that are not ignored. */
function repositoryFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => file !== '' && readableOrDeleted(file));
}

/** A tracked file deleted in the working tree is no longer part of the layout. */
function readableOrDeleted(file: string): boolean {
  try {
    readFileSync(path.join(ROOT, file));
    return true;
  } catch {
    return false;
  }
}

/** The paths the layout block of docs/development.md names: the first word of each line that is not a continuation. */
function layoutEntries(): string[] {
  const development = readFileSync(path.join(ROOT, 'docs', 'development.md'), 'utf8');
  return fencedBlockAfter(development, 'Layout')
    .filter((line) => line !== '' && !/^\s/.test(line))
    .map((line) => line.split(/\s+/)[0]!.replace(/\/$/, ''));
}

const exists = (entry: string, files: readonly string[]) =>
  files.some((file) => file === entry || file.startsWith(`${entry}/`));
const covers = (entries: readonly string[], name: string) =>
  entries.some((entry) => entry === name || entry.startsWith(`${name}/`));

describe('the layout in docs/development.md', () => {
  const files = repositoryFiles();
  const entries = layoutEntries();

  it('names only files and folders that exist in the repository', () => {
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.filter((entry) => !exists(entry, files))).toEqual([]);
  });

  it('names every top-level file and folder of the repository (but dotfiles such as .gitignore)', () => {
    const topLevel = [...new Set(files.map((file) => file.split('/')[0]!))].filter(
      (name) => !(name.startsWith('.') && !name.includes('/') && files.includes(name)),
    );
    expect(topLevel.filter((name) => !covers(entries, name))).toEqual([]);
  });

  it('names every folder of src/', () => {
    const folders = [
      ...new Set(
        files
          .filter((file) => file.startsWith('src/') && file.split('/').length > 2)
          .map((file) => file.split('/').slice(0, 2).join('/')),
      ),
    ];
    expect(folders.length).toBeGreaterThan(0);
    expect(folders.filter((folder) => !entries.includes(folder))).toEqual([]);
  });
});
