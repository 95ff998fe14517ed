import path from 'node:path';
import { compileMiniprogram } from './compile-miniprogram';
import { loadMiniprogramCi } from './miniprogram-ci';
import { describePlaceholder, readProjectSettings } from './placeholders';
import { runScript } from './run-script';

const ROOT = path.resolve(__dirname, '..');
const USAGE = `Usage: npm run compile-check

Compiles the whole mini-program with WeChat's own compilers (miniprogram-ci, wcc, wcsc), offline, and
fails on any error. Installs miniprogram-ci into tools/miniprogram-ci on first use.

Options:
  -h, --help   show this help`;

/** `npm run compile-check`: fails unless WeChat's own compilers accept the whole mini-program. */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const project = await readProjectSettings(ROOT);
  const result = await compileMiniprogram(loadMiniprogramCi(log), ROOT, project.appid ?? '', log);
  log(
    `Compile check passed: WeChat's compiler accepted the mini-program ` +
      `(${result.compiledFiles} files from TypeScript, JavaScript and JSON; WXML through wcc, WXSS through wcsc).`,
  );
  for (const placeholder of project.placeholders)
    log(`warning: ${describePlaceholder(placeholder)} (npm run deploy refuses it)`);
}

void runScript(main, { name: 'npm run compile-check', command: { usage: USAGE, options: {} }, exitWhenDone: true });
