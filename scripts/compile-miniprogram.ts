import { wxmlToJs, wxssToJs } from 'miniprogram-compiler';
import path from 'node:path';
import { withQuietCi } from './ci-output';
import type { MiniprogramCi } from './miniprogram-ci';

/** Folders miniprogram-ci must not read as part of the mini-program project. */
export const PROJECT_IGNORES = [
  'node_modules/**/*',
  'tools/**/*',
  'test/**/*',
  'src/**/*',
  'scripts/**/*',
  'cloudfunctions/**/*',
  'coverage/**/*',
];

export interface CompileResult {
  /** Files WeChat's compiler produced from TypeScript, JavaScript and JSON. */
  compiledFiles: number;
}

/**
 * Compiles the mini-program with WeChat's own tools, offline: miniprogram-ci compiles TypeScript
 * (through useCompilerPlugins), JavaScript and JSON; wcc and wcsc, WeChat's template and style
 * compilers, compile every WXML and WXSS file. Throws with the compiler's message on any error.
 * miniprogram-ci's own output goes to `log` afterwards: all of it when it failed, its complaints only
 * when it passed (ci-output.ts).
 */
export async function compileMiniprogram(
  ci: MiniprogramCi,
  rootDir: string,
  appid: string,
  log: (line: string) => void,
): Promise<CompileResult> {
  const miniprogramRoot = path.join(rootDir, 'miniprogram');
  try {
    wxmlToJs(miniprogramRoot);
  } catch (error) {
    throw new Error(`WXML does not compile: ${(error as Error).message}`.trim(), { cause: error });
  }
  try {
    wxssToJs(miniprogramRoot);
  } catch (error) {
    throw new Error(`WXSS does not compile (wcsc): ${(error as Error).message}`.trim(), { cause: error });
  }
  const files = await withQuietCi(() => {
    const project = new ci.Project({
      appid,
      type: 'miniProgram',
      projectPath: rootDir,
      privateKey: 'offline-compile-only',
      ignores: PROJECT_IGNORES,
      attr: async () => ci.DefaultProjectAttr,
    });
    return ci.getCompiledResult({ project, setting: { es6: true, minify: false, useCompilerPlugins: ['typescript'] } });
  }, log);
  return { compiledFiles: Object.keys(files).length };
}
