import { camelizeKeys, snakeCaseKeys } from '../../src/core/case';
import { accountAnswerSchema, deliveryAnswerSchema, parseAnswer, quotaAnswerSchema } from '../../src/core/upstream';

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
    expect(parseAnswer(API, quotaAnswerSchema, { quotaNum: 210, errMsg: 'openapi.logistics.getQuota:ok', errCode: 0 })).toEqual({ quotaNum: 210 });
    expect(parseAnswer(API, quotaAnswerSchema, { errcode: 0, errmsg: 'ok', quota_num: 210 })).toEqual({ quotaNum: 210 });
  });

  it('turns an errcode in the body into the mapped error', () => {
    expect(failureOf({ errcode: 9300525, errmsg: 'bizid not bind' })).toMatchObject({ code: 'ACCOUNT_NOT_BOUND', errCode: 9300525 });
  });

  it.each([
    [{ quota_num: '210' }, 'quotaNum'],
    [{ quota_num: 1.5 }, 'quotaNum'],
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

  it('reads getAllDelivery flags given as numbers or booleans', () => {
    const answer = { data: [{ delivery_id: 'YTO', delivery_name: '圆通', can_get_quota: 1 }, { delivery_id: 'SF', can_get_quota: false }, { delivery_id: 'EMS' }] };
    expect(parseAnswer('x', deliveryAnswerSchema, answer).data.map((courier) => courier.canGetQuota)).toEqual([true, false, false]);
  });

  it('reads an empty account list when WeChat omits it', () => {
    expect(parseAnswer('x', accountAnswerSchema, { errcode: 0, count: 0 })).toEqual({ list: [] });
  });

  it('names the bad entry of a list', () => {
    expect(() => parseAnswer('logistics.getAllAccount', accountAnswerSchema, { list: [{ biz_id: 'a', delivery_id: 'YTO', status_code: 'x' }] })).toThrow(
      /list\.0\.statusCode/,
    );
  });
});

describe('camelizeKeys', () => {
  it('converts nested keys and keeps a __proto__ key as plain data', () => {
    const converted = camelizeKeys(JSON.parse('{"a_b":{"c_d":[{"e_f":1}]},"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(converted.aB).toEqual({ cD: [{ eF: 1 }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(converted)).toBe(Object.prototype);
  });
});

describe('parseAnswer and odd error codes', () => {
  it.each([-5e-324, 1.5, Number.NaN, 1e300])('treats errcode %p as UPSTREAM_INVALID, not as a WeChat code', (errcode) => {
    expect(() => parseAnswer(API, quotaAnswerSchema, { errcode })).toThrow(expect.objectContaining({ code: 'UPSTREAM_INVALID', errCode: undefined }));
  });
});

describe('snakeCaseKeys', () => {
  it('converts nested keys as the SDK does for parameters, leaving values alone', () => {
    expect(snakeCaseKeys({ templateId: 'tId', miniprogramState: 'formal', data: { thing1: { value: 'aB' } } })).toEqual({
      template_id: 'tId',
      miniprogram_state: 'formal',
      data: { thing1: { value: 'aB' } },
    });
  });
});
