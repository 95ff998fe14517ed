import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
const EMULATOR = path.join(ROOT, 'emulator');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return name.endsWith('.ts') ? [file] : [];
  });
}

/** Each file's relative imports (type-only included: a loop of types is a loop of meaning). */
function importGraph(): Map<string, string[]> {
  const files = new Set([...sourceFiles(SRC), ...sourceFiles(EMULATOR)]);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from\s+|import\()['"](\.[^'"]+)['"]/g)].map((match) =>
      path.resolve(path.dirname(file), match[1]!),
    );
    graph.set(
      file,
      targets.flatMap((target) =>
        [`${target}.ts`, path.join(target, 'index.ts')].filter((candidate) => files.has(candidate)),
      ),
    );
  }
  return graph;
}

function findLoop(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'open') return [...trail.slice(trail.indexOf(file)), file];
    state.set(file, 'open');
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      const loop = visit(next);
      if (loop) return loop;
    }
    trail.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    const loop = visit(file);
    if (loop) return loop;
  }
  return undefined;
}

describe('the architecture', () => {
  it('finds a loop where there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['b']],
    ]);
    expect(findLoop(graph)).toEqual(['b', 'c', 'b']);
  });

  it('has no import loop in src/ or emulator/', () => {
    const loop = findLoop(importGraph());
    expect(loop?.map((file) => path.relative(ROOT, file))).toBeUndefined();
  });

  it('names every src/ layer in docs/architecture.md', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    const layers = readdirSync(SRC).filter((name) => statSync(path.join(SRC, name)).isDirectory());
    for (const layer of layers) expect(doc).toContain(`\`src/${layer}\``);
  });

  it("says each layer's imports as the lint enforces them", () => {
    const lint = readFileSync(path.join(ROOT, 'eslint.config.mjs'), 'utf8');
    const table = /const FORBIDDEN_LAYERS = \{([^}]*)\}/.exec(lint)![1]!;
    expect(table).toContain("core: ['function', 'https', 'cli', 'doctor']");
    expect(table).toContain("cli: ['function', 'doctor']");
    expect(lint).toContain("regex: intoFolders(['emulator'])");
    const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    expect(doc).toMatch(/`src\/contract`.*\| nothing +\|/);
    expect(doc).toMatch(/`src\/core`.*\| `contract` +\|/);
    expect(doc).toMatch(/`src\/cli`.*`contract`, `core`, `https`/);
    expect(table).toContain("contract: ['core', 'function', 'https', 'cli', 'doctor']");
  });
});
