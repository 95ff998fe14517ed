/**
 * @jest-environment ./test/screenshots/phone-zone-environment.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SCENARIOS, pageText } from './page-scenarios';
import { quietConsoleErrors } from '../miniprogram/page-harness';

const SHOTS = path.resolve(__dirname, '../../docs/screenshots');
const REDO = 'run `npm run screenshots` to photograph the page again and rewrite its text';

/** The first line where the page and the kept text differ, for a message that says where. */
function firstDifference(kept: string, shown: string): string {
  const keptLines = kept.split('\n');
  const shownLines = shown.split('\n');
  const line = keptLines.findIndex((text, index) => text !== shownLines[index]);
  const at = line === -1 ? keptLines.length : line;
  return `line ${at + 1}: kept ${JSON.stringify(keptLines[at] ?? '')}, the page shows ${JSON.stringify(shownLines[at] ?? '')}`;
}

describe('docs/screenshots', () => {
  quietConsoleErrors();

  it('holds a picture and its text for each scenario, and nothing else', () => {
    const expected = Object.keys(SCENARIOS).flatMap((name) => [`${name}.png`, `${name}.txt`]);
    expect(readdirSync(SHOTS).sort()).toEqual(expected.sort());
  });

  it.each(Object.keys(SCENARIOS))('%s.txt is the text the page shows in that scenario', async (name) => {
    const kept = readFileSync(path.join(SHOTS, `${name}.txt`), 'utf8');
    const shown = pageText(await SCENARIOS[name]!());
    if (shown !== kept)
      throw new Error(
        `docs/screenshots/${name}.txt no longer matches the page (${firstDifference(kept, shown)}): ${REDO}`,
      );
  });
});
