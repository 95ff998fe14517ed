import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ThirdPartyNoticesError,
  packageDirOf,
  shippedPackages,
  type ShippedPackagesOptions,
} from '../../scripts/build/notices/shipped-packages';

describe('packageDirOf', () => {
  it.each([
    ['node_modules/zod/v4/core/index.js', 'node_modules/zod'],
    ['node_modules/@cloudbase/node-sdk/dist/index.js', 'node_modules/@cloudbase/node-sdk'],
    [
      'node_modules/@cloudbase/app/node_modules/@cloudbase/utilities/dist/index.js',
      'node_modules/@cloudbase/app/node_modules/@cloudbase/utilities',
    ],
    ['node_modules/a/node_modules/b/package.json', 'node_modules/a/node_modules/b'],
    ['../elsewhere/node_modules/c/index.js', '../elsewhere/node_modules/c'],
  ])('puts %s in the package at %s', (input, dir) => {
    expect(packageDirOf(input)).toBe(dir);
  });

  it.each(['src/function/index.ts', 'node_modules/loose.js', 'node_modules/@scope/only.js'])(
    'puts %s in no package',
    (input) => {
      expect(packageDirOf(input)).toBeUndefined();
    },
  );
});

describe('shippedPackages on a fixture tree', () => {
  let root: string;
  const files = async (dir: string, contents: Record<string, string>) => {
    for (const [name, text] of Object.entries(contents)) {
      await mkdir(path.dirname(path.join(root, dir, name)), { recursive: true });
      await writeFile(path.join(root, dir, name), text);
    }
  };
  const manifest = (fields: Record<string, unknown>) => JSON.stringify(fields);
  const run = (inputs: string[], extra: Partial<ShippedPackagesOptions> = {}) =>
    shippedPackages({
      inputs,
      workingDir: root,
      projectDir: root,
      generatedNamespaces: ['lazy-stub'],
      exceptions: {},
      ...extra,
    });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'notices-'));
    await files('src', { 'index.ts': '' });
    await files('node_modules/zeta', {
      'package.json': manifest({
        name: 'zeta',
        version: '1.0.0',
        license: 'MIT',
        repository: 'git+https://github.com/o/zeta.git',
      }),
      LICENSE: 'MIT zeta\n',
      'index.js': '',
    });
    await files('node_modules/@s/alpha', {
      'package.json': manifest({ name: '@s/alpha', version: '2.0.0', license: 'Apache-2.0' }),
      'LICENSE-APACHE': 'Apache alpha',
      NOTICE: 'alpha notice',
      'license.js': 'module.exports = 1',
      'lib/a.js': '',
    });
    await mkdir(path.join(root, 'node_modules/@s/alpha/LICENCE'), { recursive: true });
    // The same version twice (nested), and a second version.
    await files('node_modules/@s/alpha/node_modules/zeta', {
      'package.json': manifest({ name: 'zeta', version: '1.0.0', license: 'MIT' }),
      LICENSE: 'MIT zeta\n',
      'index.js': '',
    });
    await files('node_modules/zeta-user/node_modules/zeta', {
      'package.json': manifest({ name: 'zeta', version: '0.9.0', licenses: [{ type: 'MIT' }, { type: 'GPL-2.0' }] }),
      'COPYING.txt': 'old zeta',
      'index.js': '',
    });
    await files('node_modules/readme-only', {
      'package.json': manifest({
        name: 'readme-only',
        version: '1.0.0',
        license: 'ISC',
        author: { name: 'Ann', email: 'ann@example.com' },
      }),
      'README.md':
        '# readme-only\n\nUse it.\n\nLicense\n-------\n\n(ISC)\nCopyright (c) 2020 Ann &lt;ann@example.com&gt;\n\n## Changes\nnone\n',
      'index.js': '',
    });
    await files('node_modules/author-only', {
      'package.json': manifest({
        name: 'author-only',
        version: '1.0.0',
        license: 'MIT',
        author: 'Bob <bob@example.com>',
      }),
      'index.js': '',
    });
    await files('node_modules/see-file', {
      'package.json': manifest({ name: 'see-file', version: '1.0.0', license: 'SEE LICENSE IN TERMS.md' }),
      'TERMS.md': 'our terms',
      'index.js': '',
    });
    await files('node_modules/bare', { 'package.json': manifest({ name: 'bare', version: '3.1.4' }), 'index.js': '' });
    await files('node_modules/closed', {
      'package.json': manifest({ name: 'closed', version: '1.0.0', license: 'UNLICENSED' }),
      'index.js': '',
    });
    await files('node_modules/nameless', {
      'package.json': manifest({ version: '1.0.0', license: 'MIT' }),
      'index.js': '',
    });
    await files('node_modules/no-manifest', { 'index.js': '' });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('lists each version of each input package once, sorted by name then version, ignoring our own files and generated stubs', async () => {
    const packages = await run([
      'node_modules/zeta/index.js',
      'src/index.ts',
      'lazy-stub:/anywhere/node_modules/zeta/index.js',
      'node_modules/@s/alpha/node_modules/zeta/index.js',
      'node_modules/zeta-user/node_modules/zeta/index.js',
      'node_modules/@s/alpha/lib/a.js',
    ]);
    expect(packages.map((entry) => [`${entry.name}@${entry.version}`, entry.licence, entry.dirs])).toEqual([
      ['@s/alpha@2.0.0', 'Apache-2.0', ['node_modules/@s/alpha']],
      ['zeta@0.9.0', '(MIT OR GPL-2.0)', ['node_modules/zeta-user/node_modules/zeta']],
      ['zeta@1.0.0', 'MIT', ['node_modules/@s/alpha/node_modules/zeta', 'node_modules/zeta']],
    ]);
    expect(packages[2]!.source).toBe('https://github.com/o/zeta');
  });

  it('ships every licence and notice file in full, licences first, and neither code named like one nor a folder', async () => {
    const [alpha] = await run(['node_modules/@s/alpha/lib/a.js']);
    expect(alpha!.licenceFiles).toEqual([
      { file: 'LICENSE-APACHE', text: 'Apache alpha' },
      { file: 'NOTICE', text: 'alpha notice' },
    ]);
    expect(alpha!.missingFileNote).toBeUndefined();
    const [seeFile] = await run(['node_modules/see-file/index.js']);
    expect(seeFile!.licenceFiles).toEqual([{ file: 'TERMS.md', text: 'our terms' }]);
  });

  it("stands in for a missing licence file with the README's licence section, else the author", async () => {
    const [author, readme] = await run(['node_modules/readme-only/index.js', 'node_modules/author-only/index.js']);
    expect(readme!.missingFileNote).toBe(
      'No licence file shipped by the package.\nFrom its README.md:\n(ISC)\nCopyright (c) 2020 Ann <ann@example.com>',
    );
    expect(author!.missingFileNote).toBe(
      'No licence file shipped by the package.\nCopyright: Bob <bob@example.com> (its package.json author; no copyright line in the package).',
    );
  });

  it('stops, naming each, on packages with no licence data, marked UNLICENSED, or unreadable, and on inputs it cannot place', async () => {
    const failure = run([
      'node_modules/zeta/index.js',
      'node_modules/bare/index.js',
      'node_modules/closed/index.js',
      'node_modules/nameless/index.js',
      'node_modules/no-manifest/index.js',
      '../outside/file.js',
      'virtual:thing',
    ]);
    await expect(failure).rejects.toThrow(ThirdPartyNoticesError);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toContain(
      'bare@3.1.4 (node_modules/bare) has neither a licence file nor a licence in its package.json',
    );
    expect(message).toContain('closed@1.0.0 (node_modules/closed) is marked UNLICENSED');
    expect(message).toContain('node_modules/nameless/package.json has no name or no version');
    expect(message).toContain('node_modules/no-manifest/package.json cannot be read');
    expect(message).toContain('../outside/file.js is in no node_modules package and outside this project');
    expect(message).toContain('virtual:thing comes from the esbuild namespace "virtual"');
    expect(message).toContain('scripts/build/notices/licence-exceptions.ts');
    expect(message).not.toContain('zeta');
  });

  it('ships a package without licence data only when reviewed by exact version, saying why', async () => {
    const exceptions = { 'bare@3.1.4': { licence: 'NOASSERTION', why: 'Reviewed: vendor code.' } };
    const [bare] = await run(['node_modules/bare/index.js'], { exceptions });
    expect(bare).toMatchObject({
      licence: 'NOASSERTION',
      missingFileNote: 'No licence file shipped by the package. No licence declared. Reviewed: vendor code.',
      withoutLicence: true,
    });
    await expect(
      run(['node_modules/bare/index.js'], { exceptions: { 'bare@3.1.5': exceptions['bare@3.1.4'] } }),
    ).rejects.toThrow(/bare@3\.1\.4/);
  });
});
