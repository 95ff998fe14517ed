import {
  authorOf,
  declaredLicence,
  pickLicenceFiles,
  readmeLicenceText,
  seeLicenceIn,
  sourceAddress,
} from '../../scripts/build/notices/package-manifest';
import { bundledLicenceComments } from '../../scripts/build/notices/render-notices';

describe('pickLicenceFiles', () => {
  it('picks licence files in any case and spelling, then notices, and skips code and other files', () => {
    const names = [
      'index.js',
      'NOTICE.txt',
      'license',
      'LICENCE.md',
      'COPYING.LESSER',
      'License.js',
      'license.json',
      'README.md',
      'licensing.md',
      'LICENSE-MIT',
      'package.json',
    ];
    expect(pickLicenceFiles(names)).toEqual(['COPYING.LESSER', 'LICENCE.md', 'LICENSE-MIT', 'license', 'NOTICE.txt']);
  });
});

describe('declaredLicence', () => {
  it.each([
    [{ license: 'MIT' }, 'MIT'],
    [{ license: '(MIT OR Apache-2.0)' }, '(MIT OR Apache-2.0)'],
    [{ license: { type: 'BSD-3-Clause', url: 'x' } }, 'BSD-3-Clause'],
    [{ licenses: [{ type: 'MIT' }] }, 'MIT'],
    [{ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] }, '(MIT OR Apache-2.0)'],
    [{ license: '  ' }, undefined],
    [{}, undefined],
  ])('reads %j as %s', (manifest, licence) => {
    expect(declaredLicence(manifest)).toBe(licence);
  });

  it('knows the file a SEE LICENSE IN licence points at', () => {
    expect(seeLicenceIn('SEE LICENSE IN EULA.txt')).toBe('EULA.txt');
    expect(seeLicenceIn('MIT')).toBeUndefined();
  });
});

describe('sourceAddress', () => {
  it.each([
    ['git+https://github.com/axios/axios.git', 'https://github.com/axios/axios'],
    ['git://github.com/a/b.git', 'https://github.com/a/b'],
    ['git@github.com:a/b.git', 'https://github.com/a/b'],
    ['ssh://git@github.com/a/b.git', 'https://github.com/a/b'],
    ['a/b', 'https://github.com/a/b'],
    ['gitlab:a/b', 'https://gitlab.com/a/b'],
  ])('makes %s browsable as %s', (repository, address) => {
    expect(sourceAddress({ repository })).toBe(address);
    expect(sourceAddress({ repository: { type: 'git', url: repository } })).toBe(address);
  });

  it('falls back to the homepage, else nothing', () => {
    expect(sourceAddress({ homepage: 'https://example.com' })).toBe('https://example.com');
    expect(sourceAddress({})).toBeUndefined();
  });
});

describe('authorOf', () => {
  it('reads the string and the object form', () => {
    expect(authorOf({ author: 'Ann <a@x>' })).toBe('Ann <a@x>');
    expect(authorOf({ author: { name: 'Ann', email: 'a@x' } })).toBe('Ann <a@x>');
    expect(authorOf({ author: '' })).toBeUndefined();
  });
});

describe('readmeLicenceText', () => {
  it('takes a "## License" section up to the next heading', () => {
    expect(readmeLicenceText('# x\n\n## Licence (MIT)\n\nCopyright 2020 Ann\n\nText.\n\n## Other\nno')).toBe(
      'Copyright 2020 Ann\n\nText.',
    );
  });

  it('takes an underlined License section up to the next underlined heading', () => {
    expect(
      readmeLicenceText(
        'x\n=\n\nLicense\n-------\n\n(The MIT License)\n\nCopyright (c) 2013 N &lt;n@x&gt;\n\nNext\n----\n',
      ),
    ).toBe('(The MIT License)\n\nCopyright (c) 2013 N <n@x>');
  });

  it('else keeps the lines that state a copyright, else nothing', () => {
    expect(readmeLicenceText('# x\n\nMade by Ann.\nCopyright (c) 2019 Ann\n')).toBe('Copyright (c) 2019 Ann');
    expect(readmeLicenceText('# x\n\nUse it.\n')).toBeUndefined();
  });
});

describe('bundledLicenceComments', () => {
  it("splits esbuild's blocks into comments under their file, once each, sorted", () => {
    const first =
      'Bundled license information:\n\nzz/index.js:\n  /*! zz. MIT */\n\naa/index.js:\n  /**\n   * @license aa\n   *\n   * MIT\n   */';
    const second = 'Bundled license information:\n\nzz/index.js:\n  /*! zz. MIT */';
    expect(bundledLicenceComments([first, second])).toEqual([
      'aa/index.js:\n  /**\n   * @license aa\n   *\n   * MIT\n   */',
      'zz/index.js:\n  /*! zz. MIT */',
    ]);
  });
});
