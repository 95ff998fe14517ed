import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runScript } from './run-script';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
/** The page is laid out in rpx: 750 rpx is the phone's width, so a 750 px viewport shows it at 2× of 375 pt. */
const WIDTH = 750;
/** Each state's height, to leave no empty screen below it. */
const HEIGHTS: Record<string, number> = { balances: 2400, 'refresh-failed': 2350, trend: 1420 };
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

/** `npm run screenshots`: photographs each rendered page state with headless Chromium into docs/screenshots. */
async function main(): Promise<void> {
  const htmlDir = await mkdtemp(path.join(os.tmpdir(), 'page-html-'));
  try {
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'jest'), ['-c', 'jest.screenshots.config.js'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, SCREENSHOT_HTML_DIR: htmlDir },
    });
    const profile = await mkdtemp(path.join(os.tmpdir(), 'chromium-'));
    for (const file of (await readdir(htmlDir)).filter((name) => name.endsWith('.html'))) {
      const page = path.join(htmlDir, file);
      await writeFile(page, (await readFile(page, 'utf8')).replace('<style>', `<style>${BASE_CSS}`));
      const png = path.join(OUT, file.replace(/\.html$/, '.png'));
      execFileSync(
        'chromium',
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
          `--window-size=${WIDTH},${HEIGHTS[file.replace(/\.html$/, '')] ?? DEFAULT_HEIGHT}`,
          `--screenshot=${png}`,
          `file://${page}`,
        ],
        { stdio: 'ignore' },
      );
      process.stderr.write(`wrote ${path.relative(ROOT, png)}\n`);
    }
    await rm(profile, { recursive: true, force: true });
  } finally {
    await rm(htmlDir, { recursive: true, force: true });
  }
}

const USAGE = `Usage: npm run screenshots

Renders each state of the page and photographs it with headless Chromium into docs/screenshots
(needs Debian's chromium and fonts-noto-cjk).

Options:
  -h, --help   show this help`;

void runScript(main, {
  name: 'npm run screenshots',
  hint: "needs Debian's chromium and fonts-noto-cjk",
  command: { usage: USAGE, options: {} },
});
