/** Reading which open APIs a source file calls, and comparing them with what config.json declares. */

const CALL_FORM = /\bopenapi\.([A-Za-z]\w*)\.([A-Za-z]\w*)\s*\(/g;
const ANY_MEMBER_ACCESS = /\bopenapi\s*(\.|\[|\?\.)/g;

export interface OpenApiScan {
  /** `namespace.method` names called, such as `logistics.getQuota`. */
  calls: string[];
  /** Uses of `openapi` the check cannot follow, each naming its file and line. */
  problems: string[];
}

/** Comments may mention calls that are never made; strip them before scanning. */
function stripComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

export function scanOpenApiCalls(source: string, file: string): OpenApiScan {
  const code = stripComments(source);
  const calls = new Set<string>();
  const callOffsets = new Set<number>();
  for (const match of code.matchAll(CALL_FORM)) {
    calls.add(`${match[1]}.${match[2]}`);
    callOffsets.add(match.index);
  }
  const problems: string[] = [];
  for (const match of code.matchAll(ANY_MEMBER_ACCESS)) {
    if (callOffsets.has(match.index)) continue;
    const line = code.slice(0, match.index).split('\n').length;
    problems.push(
      `${file}:${line}: open APIs must be called as openapi.<namespace>.<method>(…) so that the build can check config.json permissions`,
    );
  }
  return { calls: [...calls].sort(), problems };
}

/** Every mismatch between what the code calls and what config.json declares, as sentences. */
export function comparePermissions(called: readonly string[], declared: readonly string[]): string[] {
  const declaredSet = new Set(declared);
  const calledSet = new Set(called);
  const missing = [...calledSet].filter((api) => !declaredSet.has(api)).sort();
  const unused = [...declaredSet].filter((api) => !calledSet.has(api)).sort();
  return [
    ...missing.map(
      (api) =>
        `the code calls ${api} but config.json does not declare it: add "${api}" to permissions.openapi (without it the cloud answers -604101 at run time)`,
    ),
    ...unused.map(
      (api) => `config.json declares ${api} but the code never calls it: remove it from permissions.openapi`,
    ),
  ];
}
