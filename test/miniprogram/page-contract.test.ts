import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CONTRACT_DIR,
  PAGE_CONTRACT_DIR,
  pageContractDrift,
  writePageContract,
} from '../../scripts/build/page-contract';

const ROOT = path.resolve(__dirname, '../..');

/** A scratch copy of the contract and the page's copy of it, to change without touching the repository. */
async function scratchRepository(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'page-contract-'));
  await cp(path.join(ROOT, CONTRACT_DIR), path.join(dir, CONTRACT_DIR), { recursive: true });
  await cp(path.join(ROOT, PAGE_CONTRACT_DIR), path.join(dir, PAGE_CONTRACT_DIR), { recursive: true });
  return dir;
}

describe("the page's copy of the contract", () => {
  let scratch: string;
  beforeEach(async () => {
    scratch = await scratchRepository();
  });
  afterEach(() => rm(scratch, { recursive: true, force: true }));

  it('is current: run `npm run build` when this fails', async () => {
    expect(await pageContractDrift(ROOT)).toEqual([]);
  });

  it('holds every contract file, each under a do-not-edit header naming its source', async () => {
    const sources = (await readdir(path.join(ROOT, CONTRACT_DIR))).sort();
    expect((await readdir(path.join(ROOT, PAGE_CONTRACT_DIR))).sort()).toEqual(sources);
    for (const file of sources) {
      const copy = await readFile(path.join(ROOT, PAGE_CONTRACT_DIR, file), 'utf8');
      expect(copy.split('\n')[0]).toContain(`Do not edit`);
      expect(copy.split('\n')[0]).toContain(`${CONTRACT_DIR}/${file}`);
    }
  });

  it('is found stale when the contract changes, a copy is edited, or a source is gone', async () => {
    await writeFile(path.join(scratch, CONTRACT_DIR, 'values.ts'), 'export const FUNCTION_NAME = "renamed";\n');
    await writeFile(path.join(scratch, PAGE_CONTRACT_DIR, 'errors.ts'), '// edited by hand\n');
    await rm(path.join(scratch, CONTRACT_DIR, 'urgency.ts'));
    expect(await pageContractDrift(scratch)).toEqual([
      `${PAGE_CONTRACT_DIR}/errors.ts differs from ${CONTRACT_DIR}/errors.ts`,
      `${PAGE_CONTRACT_DIR}/values.ts differs from ${CONTRACT_DIR}/values.ts`,
      `${PAGE_CONTRACT_DIR}/urgency.ts has no source in ${CONTRACT_DIR}`,
    ]);
  });

  it('is made current again by the build, which removes a copy whose source is gone', async () => {
    await rm(path.join(scratch, CONTRACT_DIR, 'urgency.ts'));
    await writeFile(path.join(scratch, PAGE_CONTRACT_DIR, 'errors.ts'), '// edited by hand\n');
    await writePageContract(scratch);
    expect(await pageContractDrift(scratch)).toEqual([]);
    expect(await readdir(path.join(scratch, PAGE_CONTRACT_DIR))).not.toContain('urgency.ts');
  });

  it('needs nothing outside the contract, so the page compiles it alone', async () => {
    for (const file of await readdir(path.join(ROOT, CONTRACT_DIR))) {
      const text = await readFile(path.join(ROOT, CONTRACT_DIR, file), 'utf8');
      const sources = [...text.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]);
      for (const source of sources) expect(source).toMatch(/^\.\/[\w-]+$/);
    }
  });
});
