import { camelizeKeys, snakeCaseKeys } from '../../src/core/wechat/key-case';
import { accountAnswerSchema, deliveryAnswerSchema } from '../../src/core/wechat/list-answers';
import { parseAnswer, quotaAnswerSchema } from '../../src/core/wechat/upstream';

const API = 'logistics.getQuota';

function failureOf(answer: unknown) {
  try {
    parseAnswer(API, quotaAnswerSchema, answer);
  } catch (error) {
    return error;
  }
  throw new Error('expected parseAnswer to throw');
}

describe('parseAnswer', () => {
  it('reads the cloud answer (camelCase) and the HTTPS answer (snake_case) alike', () => {
    expect(
      parseAnswer(API, quotaAnswerSchema, { quotaNum: 210, errMsg: 'openapi.logistics.getQuota:ok', errCode: 0 }),
    ).toEqual({ quotaNum: 210 });
    expect(parseAnswer(API, quotaAnswerSchema, { errcode: 0, errmsg: 'ok', quota_num: 210 })).toEqual({
      quotaNum: 210,
    });
  });

  it('turns an errcode in the body into the mapped error', () => {
    expect(failureOf({ errcode: 9300525, errmsg: 'bizid not bind' })).toMatchObject({
      code: 'ACCOUNT_NOT_BOUND',
      errCode: 9300525,
    });
  });

  it('reads a decimal-string balance as its number, as some clients see it', () => {
    expect(parseAnswer(API, quotaAnswerSchema, { errcode: 0, quota_num: '210' })).toEqual({ quotaNum: 210 });
  });

  it.each([
    [{ quota_num: 'many' }, 'quotaNum'],
    [{ quota_num: -5 }, 'quotaNum: must not be negative'],
    [{ quota_num: '-5' }, 'quotaNum: must not be negative'],
    [{ quota_num: '2.5' }, 'quotaNum'],
    [{ quota_num: 1.5 }, 'quotaNum: must be a whole number'],
    [{ quota_num: 2 ** 60 }, 'quotaNum: is too large'],
    [{ quota_num: 1e300 }, 'quotaNum'],
    [{}, 'quotaNum'],
    ['<html>busy</html>', 'text instead of a JSON object'],
    [null, 'null instead of a JSON object'],
    [[{ quota_num: 1 }], 'an array instead of a JSON object'],
  ])('rejects %p as UPSTREAM_INVALID naming %s', (answer, named) => {
    const error = failureOf(answer) as Error & { code: string };
    expect(error.code).toBe('UPSTREAM_INVALID');
    expect(error.message).toContain(named);
  });

  it('reads an empty account list when WeChat omits it', () => {
    expect(parseAnswer('x', accountAnswerSchema, { errcode: 0, count: 0 })).toEqual({ list: [] });
  });

  it('checks only the envelope of the lists: rows are read one by one later', () => {
    expect(parseAnswer('x', accountAnswerSchema, { list: [{ biz_id: 'a', status_code: 1.5 }, 7] }).list).toHaveLength(
      2,
    );
    expect(() => parseAnswer('logistics.getAllAccount', accountAnswerSchema, { list: { biz_id: 'a' } })).toThrow(
      /list/,
    );
    expect(() => parseAnswer('logistics.getAllDelivery', deliveryAnswerSchema, { data: 'none' })).toThrow(/data/);
  });
});

describe('camelizeKeys', () => {
  it('converts nested keys and keeps a __proto__ key as plain data', () => {
    const converted = camelizeKeys(JSON.parse('{"a_b":{"c_d":[{"e_f":1}]},"__proto__":{"polluted":true}}')) as Record<
      string,
      unknown
    >;
    expect(converted.aB).toEqual({ cD: [{ eF: 1 }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(converted)).toBe(Object.prototype);
  });
});

describe('parseAnswer and odd error codes', () => {
  it.each([-5e-324, 1.5, 1e300, '0', 'x', true])(
    'treats errcode %p as UPSTREAM_INVALID, not as a WeChat code',
    (errcode) => {
      expect(() => parseAnswer(API, quotaAnswerSchema, { errcode, quota_num: 1 })).toThrow(
        expect.objectContaining({ code: 'UPSTREAM_INVALID', errCode: undefined }),
      );
    },
  );

  it('keeps WeChat\'s own words and rid when errcode "0" comes as text, as wx-server-sdk would refuse it too', () => {
    expect(() =>
      parseAnswer(API, quotaAnswerSchema, { errcode: '0', errmsg: 'ok rid: 6650a1b2-0c3d', quota_num: 1 }),
    ).toThrow(
      'logistics.getQuota answered with an error code that is not a whole number: "0" (ok rid: 6650a1b2-0c3d).',
    );
  });

  it.each([
    [9909001, 'WECHAT_ERROR'],
    [930563, 'WECHAT_ERROR'],
    ['9300525', 'ACCOUNT_NOT_BOUND'],
  ])('classifies the code %p with its message and rid', (errcode, code) => {
    expect(() => parseAnswer(API, quotaAnswerSchema, { errcode, errmsg: 'system error rid: 6650a1b2-0c3d' })).toThrow(
      expect.objectContaining({
        code,
        errCode: Number(errcode),
        message: expect.stringContaining('(system error rid: 6650a1b2-0c3d)'),
      }),
    );
  });
});

describe('snakeCaseKeys', () => {
  it('converts nested keys as the SDK does for parameters, leaving values alone', () => {
    expect(snakeCaseKeys({ templateId: 'tId', miniprogramState: 'formal', data: { thing1: { value: 'aB' } } })).toEqual(
      {
        template_id: 'tId',
        miniprogram_state: 'formal',
        data: { thing1: { value: 'aB' } },
      },
    );
  });
});
