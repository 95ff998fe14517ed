import { compileFunction } from 'node:vm';
import { PATCH_TABLE } from '../../scripts/build/patches/patch-table';

const KEEP_WECHAT_ANSWER = PATCH_TABLE.find(({ name }) => name === 'keep-wechat-answer')!;

describe("the build-time patch of wx-server-sdk that keeps WeChat's whole answer", () => {
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
    const run = compileFunction(KEEP_WECHAT_ANSWER.replace as string, [
      'error_1',
      'msg_1',
      'displayAPIName',
      'result',
    ]) as (...args: unknown[]) => never;
    expect(() => run(error_1, msg_1, 'openapi.logistics.getQuota', result)).toThrow(
      expect.objectContaining({
        errCode: 9300501,
        errMsg: 'openapi.logistics.getQuota:fail delivery logic fail rid: 1',
        wxAnswer: result,
      }),
    );
  });
});
