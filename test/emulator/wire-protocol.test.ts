import {
  decodeOpenApiRequest,
  decodeOpenApiResponse,
  encodeOpenApiRequest,
  encodeOpenApiResponse,
} from '../../emulator/wire-protocol';

describe('the open-API wire protocol', () => {
  it('decodes each top-level parameter from its JSON text, keeping UTF-8', () => {
    const bytes = encodeOpenApiRequest({
      apiType: 0,
      appid: 'wx1',
      params: { delivery_id: 'YUNDA', biz_id: '韵达义乌网点01', nested: { a: [1, 2] } },
    });
    expect(decodeOpenApiRequest(bytes)).toEqual({
      apiType: 0,
      appid: 'wx1',
      params: { delivery_id: 'YUNDA', biz_id: '韵达义乌网点01', nested: { a: [1, 2] } },
    });
  });

  it('decodes a call without parameters', () => {
    expect(decodeOpenApiRequest(encodeOpenApiRequest({ apiType: 0, appid: '', params: {} }))).toEqual({
      apiType: 0,
      appid: '',
      params: {},
    });
  });

  it('keeps a __proto__ parameter as data', () => {
    const decoded = decodeOpenApiRequest(
      encodeOpenApiRequest({
        apiType: 0,
        appid: '',
        params: JSON.parse('{"__proto__":{"polluted":1}}') as Record<string, unknown>,
      }),
    );
    expect(Object.keys(decoded.params)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects bytes that are not protobuf, and a value that is not JSON', () => {
    expect(() => decodeOpenApiRequest(Buffer.from([0x0f, 0xff]))).toThrow();
    const notJson = Buffer.from([0x12, 0x09, 0x0a, 0x07, 0x0a, 0x01, 0x6b, 0x12, 0x02, 0x7b, 0x7b]);
    expect(() => decodeOpenApiRequest(notJson)).toThrow('the value of "k" is not JSON');
  });

  it('round-trips an answer with a platform error code', () => {
    expect(decodeOpenApiResponse(encodeOpenApiResponse({ errorCode: -604101, httpCode: 200 }))).toEqual({
      errorCode: -604101,
      httpCode: 200,
    });
    const ok = decodeOpenApiResponse(
      encodeOpenApiResponse({ respData: Buffer.from('{"quota_num":1}'), contentType: 'application/json' }),
    );
    expect(Buffer.from(ok.respData!).toString()).toBe('{"quota_num":1}');
  });
});
