/**
 * @jest-environment ./test/screenshots/phone-zone-environment.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SCENARIOS, pageText } from './page-scenarios';
import { quietConsoleErrors } from '../miniprogram/page-harness';

/**
 * Renders the real page in each of its states and writes each as a standalone HTML file with its text
 * beside it, for scripts/screenshots.ts to photograph with Chromium. Run by `npm run screenshots`, not by `npm test`.
 */
const OUT = process.env.SCREENSHOT_HTML_DIR ?? path.resolve(__dirname, '../../.screenshots');

describe('page states for the README', () => {
  quietConsoleErrors();

  it.each(Object.entries(SCENARIOS))('%s', async (name, scenario) => {
    const page = await scenario();
    const styles = [...document.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
    await mkdir(OUT, { recursive: true });
    await writeFile(
      path.join(OUT, `${name}.html`),
      `<!doctype html><html><head><meta charset="utf-8"><style>${styles}</style></head><body>${page.root.dom.outerHTML}</body></html>`,
    );
    await writeFile(path.join(OUT, `${name}.txt`), pageText(page));
  });
});
