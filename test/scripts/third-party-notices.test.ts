import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildFunction, type BuildResult } from '../../scripts/build/build-function';

const ROOT = path.resolve(__dirname, '../..');

/** name@version of the package each metafile input belongs to, worked out here without the build's own code. */
async function packagesOfInputs(inputs: readonly string[]): Promise<Map<string, string>> {
  const dirs = new Set(
    inputs
      .filter((input) => !/^[\w-]{2,}:/.test(input))
      .flatMap((input) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []),
  );
  const byKey = new Map<string, string>();
  for (const dir of dirs) {
    const { name, version } = JSON.parse(await readFile(path.resolve(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    byKey.set(`${name}@${version}`, dir);
  }
  return byKey;
}

/** The text of one package's section of the notices file. */
function sectionOf(notices: string, key: string): string {
  const section = notices.split(/\n={80}\n\n/).find((part) => part.startsWith(`${key}\n`));
  if (!section) throw new Error(`no section for ${key}`);
  return section;
}

describe('THIRD-PARTY-NOTICES.txt of the real build', () => {
  let workDir: string;
  let result: BuildResult;
  let notices: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'getquota-notices-'));
    result = await buildFunction({ rootDir: ROOT, outDir: path.join(workDir, 'getQuota') });
    notices = await readFile(path.join(result.outDir, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  }, 60_000);
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it("lists exactly the packages of every bundle's metafile inputs, each once, sorted, with a section each", async () => {
    const expected = [...(await packagesOfInputs(result.inputs)).keys()];
    // The lazy files' inputs count too: axios and bson are only there.
    expect(result.inputs.some((input) => input.startsWith('node_modules/axios/'))).toBe(true);
    const index = [...notices.split(/\n={80}\n/)[0]!.matchAll(/^ {2}(\S+@\d\S*) +\S.*$/gm)].map((match) => match[1]!);
    expect([...index].sort()).toEqual([...expected].sort());
    expect(new Set(index).size).toBe(index.length);
    expect(index).toEqual(result.thirdPartyPackages.map((entry) => `${entry.name}@${entry.version}`));
    expect(result.thirdPartyPackages.map((entry) => entry.name)).toEqual(
      [...result.thirdPartyPackages.map((entry) => entry.name)].sort(),
    );
    for (const key of expected) expect(sectionOf(notices, key)).toMatch(/^Licence: \S/m);
  });

  it("says plainly, under the index, that Tencent's two packages carry no licence, and what a merchant should know", () => {
    const index = notices.split(/\n={80}\n/)[0]!;
    for (const key of ['@cloudbase/signature-nodejs@2.2.0', '@cloudbase/wx-cloud-client-sdk@1.7.1'])
      expect(index.split('\n').find((line) => line.startsWith(`  ${key} `))).toMatch(
        / NOASSERTION \(no licence at all: see NO LICENCE below\)$/,
      );
    expect(index).toContain(
      'NO LICENCE: 2 of these packages carry no licence at all: @cloudbase/signature-nodejs@2.2.0 and @cloudbase/wx-cloud-client-sdk@1.7.1.',
    );
    expect(index).toContain('What a merchant should know:');
    expect(index).toContain("this project's MIT licence covers its own code only");
    expect(
      result.thirdPartyPackages.filter((entry) => entry.licence === 'NOASSERTION').map((entry) => entry.name),
    ).toEqual(['@cloudbase/signature-nodejs', '@cloudbase/wx-cloud-client-sdk']);
  });

  it('names zod, wx-server-sdk, protobufjs and axios with their licences, protobufjs with its BSD text', () => {
    expect(sectionOf(notices, 'zod@4.6.7')).toContain('Licence: MIT');
    expect(sectionOf(notices, 'wx-server-sdk@4.0.2')).toContain('Licence: MIT');
    expect(sectionOf(notices, 'axios@0.30.3')).toContain('Copyright (c) 2014-present Matt Zabriskie');
    const protobufjs = sectionOf(notices, 'protobufjs@7.6.6');
    expect(protobufjs).toContain('Licence: BSD-3-Clause');
    expect(protobufjs).toContain('Copyright (c) 2016, Daniel Wirtz  All rights reserved.');
    expect(protobufjs).toContain('Redistributions in binary form must reproduce the above copyright');
  });

  it("holds every input package's licence files word for word", async () => {
    for (const [key, dir] of await packagesOfInputs(result.inputs)) {
      const licenceFiles = (await readdir(path.resolve(dir))).filter((file) =>
        /^(licen[cs]e|copying|notice)([-._][\w.-]*)?$/i.test(file),
      );
      for (const file of licenceFiles)
        expect(sectionOf(notices, key)).toContain((await readFile(path.resolve(dir, file), 'utf8')).trim());
    }
  });

  it("starts with this project's own licence and keeps the licence comments esbuild took out of the code, with no LEGAL.txt beside it", async () => {
    expect(notices).toContain((await readFile(path.join(ROOT, 'LICENSE'), 'utf8')).split('\n')[2]);
    expect(notices.indexOf('Copyright (c) 2026 the wx-logistics-quota authors')).toBeLessThan(
      notices.indexOf('zod@4.6.7'),
    );
    expect(notices).toMatch(/^long\/umd\/index\.js:\n {2}\/\*\*\n {3}\* @license/m);
    expect((await readdir(result.outDir)).filter((file) => /LEGAL/i.test(file))).toEqual([]);
  });
});
