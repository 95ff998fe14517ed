import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { wxmlToJs, wxssToJs } from 'miniprogram-compiler';

const MINIPROGRAM = path.resolve(__dirname, '../../miniprogram');

describe("WeChat's template and style compilers (wcc, wcsc)", () => {
  it('accept every WXML and WXSS file of the mini-program', () => {
    expect(wxmlToJs(MINIPROGRAM)).toContain('$gwx');
    expect(wxssToJs(MINIPROGRAM)).toContain('wxssMap');
  });

  it('would catch a broken template', async () => {
    const copy = path.join(await mkdtemp(path.join(os.tmpdir(), 'mp-')), 'miniprogram');
    await cp(MINIPROGRAM, copy, { recursive: true });
    const page = path.join(copy, 'pages/quota/index.wxml');
    await writeFile(page, (await readFile(page, 'utf8')).replace('</view>', '</vew>'));
    expect(() => wxmlToJs(copy)).toThrow('expect end-tag `view`');
  });
});
