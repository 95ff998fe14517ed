import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EnvironmentError } from '../src/cli/quota-target';
import { runScript } from './run-script';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
/** The page is laid out in rpx: 750 rpx is the phone's width, so a 750 px viewport shows it at 2× of 375 pt. */
const WIDTH = 750;
/** Each state's height, to leave no empty screen below it. */
const HEIGHTS: Record<string, number> = { balances: 2780, 'refresh-failed': 2440, trend: 1420 };
const DEFAULT_HEIGHT = 1000;

/** What WeChat's runtime gives built-in components and the page, which the simulated DOM does not. */
const BASE_CSS = `
html, body { margin: 0; background: #ededed; }
body { font-family: 'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif; font-size: 32px; color: rgba(0, 0, 0, 0.9); }
wx-view, wx-picker { display: block; }
wx-text { display: inline; }
wx-input { display: block; flex: 1; color: rgba(0, 0, 0, 0.9); }
wx-button { display: block; box-sizing: border-box; width: 368px; margin: 16px auto;
  padding: 24px; border-radius: 16px; text-align: center; font-size: 34px; font-weight: 700; }
wx-button[class*='weui-btn_primary'] { background: #07c160; color: #fff; }
wx-button[class*='weui-btn_default'] { background: #f2f2f2; color: #06ae56; }
/* The page's size="mini" buttons: the size attribute does not reach the simulated DOM. */
wx-button[class*='retry'], wx-button[class*='copy-openid'] { display: inline-block; width: auto;
  padding: 0 28px; border-radius: 8px; font-size: 26px; line-height: 60px; }
`;

/** The chromium binary on PATH; before anything is rendered, so a machine without it fails at once. */
function findChromium(): string {
  const names = process.platform === 'win32' ? ['chromium.exe'] : ['chromium'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean))
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not in this folder
      }
    }
  throw new EnvironmentError('chromium is not on PATH');
}

function photograph(chromium: string, page: string, png: string, profile: string, height: number): void {
  execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      '--hide-scrollbars',
      `--window-size=${WIDTH},${height}`,
      `--screenshot=${png}`,
      pathToFileURL(page).href,
    ],
    { stdio: 'ignore' },
  );
}

/**
 * `npm run screenshots`: photographs each rendered page state with headless Chromium, then writes each
 * picture and the text it shows into docs/screenshots. Everything temporary lives in one folder, removed
 * however the run ends; docs/screenshots changes only when every picture was taken.
 */
async function main(): Promise<void> {
  const chromium = findChromium();
  const work = await mkdtemp(path.join(os.tmpdir(), 'screenshots-'));
  try {
    // jest's own script, run by this Node: node_modules/.bin/jest is a shell script Windows cannot start.
    execFileSync(
      process.execPath,
      [createRequire(__filename).resolve('jest/bin/jest'), '-c', 'jest.screenshots.config.js'],
      {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, SCREENSHOT_HTML_DIR: work },
      },
    );
    const names = (await readdir(work)).filter((file) => file.endsWith('.html')).map((file) => file.slice(0, -5));
    for (const name of names) {
      const page = path.join(work, `${name}.html`);
      await writeFile(page, (await readFile(page, 'utf8')).replace('<style>', `<style>${BASE_CSS}`));
      photograph(
        chromium,
        page,
        path.join(work, `${name}.png`),
        path.join(work, 'profile'),
        HEIGHTS[name] ?? DEFAULT_HEIGHT,
      );
    }
    for (const file of names.flatMap((name) => [`${name}.png`, `${name}.txt`])) {
      await copyFile(path.join(work, file), path.join(OUT, file));
      process.stderr.write(`wrote docs/screenshots/${file}\n`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const USAGE = `Usage: npm run screenshots

Renders each state of the page and photographs it with headless Chromium into docs/screenshots
(needs Debian's chromium and fonts-noto-cjk).

Options:
  -h, --help   show this help`;

void runScript(main, {
  name: 'npm run screenshots',
  hint: 'it needs chromium and fonts-noto-cjk: on Debian, apt-get install chromium fonts-noto-cjk',
  command: { usage: USAGE, options: {} },
});
