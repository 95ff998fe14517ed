import { build } from 'esbuild';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compileFunction } from 'node:vm';
import {
  SDK_THROW_REPLACEMENT,
  SdkPatchError,
  keepWechatAnswerPlugin,
  patchSdkSource,
} from '../../scripts/build/patches/keep-wechat-answer';

const SDK_FILE = path.resolve(__dirname, '../../node_modules/wx-server-sdk/index.js');

describe("the build-time patch of wx-server-sdk that keeps WeChat's whole answer", () => {
  it('finds the open-API error throw exactly once in the installed SDK and keeps the answer on it', async () => {
    const source = await readFile(SDK_FILE, 'utf8');
    const patched = patchSdkSource(source, 'wx-server-sdk/index.js');
    expect(patched.split(SDK_THROW_REPLACEMENT)).toHaveLength(2);
    expect(patched.length - source.length).toBeLessThan(100);
  });

  it('makes the thrown error carry the answer, errCode and errMsg as before', () => {
    const error_1 = {
      CloudSDKError: class extends Error {
        errCode: unknown;
        errMsg: unknown;
        constructor(options: { errCode: unknown; errMsg: string }) {
          super(options.errMsg);
          this.errCode = options.errCode;
          this.errMsg = options.errMsg;
        }
      },
    };
    const msg_1 = { apiFailMsg: (api: string, text: string) => `${api}:fail ${text}` };
    const result = {
      errcode: 9300501,
      errmsg: 'delivery logic fail rid: 1',
      delivery_resultcode: 10001,
      delivery_resultmsg: '客户编码或者月结账户不存在',
    };
    const run = compileFunction(SDK_THROW_REPLACEMENT, ['error_1', 'msg_1', 'displayAPIName', 'result']) as (
      ...args: unknown[]
    ) => never;
    expect(() => run(error_1, msg_1, 'openapi.logistics.getQuota', result)).toThrow(
      expect.objectContaining({
        errCode: 9300501,
        errMsg: 'openapi.logistics.getQuota:fail delivery logic fail rid: 1',
        wxAnswer: result,
      }),
    );
  });

  it.each([
    ['the code is gone', 'module.exports = {};'],
    [
      'the code is there twice',
      `${'throw new error_1.CloudSDKError({ errCode: result.errcode, errMsg: msg_1.apiFailMsg(displayAPIName, result.errmsg), });\n'.repeat(2)}`,
    ],
  ])('refuses to build loudly when %s, as after an SDK upgrade', async (_case, source) => {
    expect(() => patchSdkSource(source, 'x.js')).toThrow(SdkPatchError);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'getquota-sdk-patch-'));
    try {
      await mkdir(path.join(dir, 'node_modules', 'wx-server-sdk'), { recursive: true });
      await writeFile(path.join(dir, 'node_modules', 'wx-server-sdk', 'index.js'), source);
      await writeFile(path.join(dir, 'entry.js'), "require('wx-server-sdk');");
      await expect(
        build({
          entryPoints: [path.join(dir, 'entry.js')],
          bundle: true,
          write: false,
          platform: 'node',
          logLevel: 'silent',
          plugins: [keepWechatAnswerPlugin()],
        }),
      ).rejects.toThrow(/wx-server-sdk was probably upgraded/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
