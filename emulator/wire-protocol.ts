import protobuf from 'protobufjs';

/**
 * The messages wx-server-sdk exchanges with the cloud for an open-API call, as declared in its
 * bundled `src/protobuf/openapi.js` (only the fields an open-API call uses).
 */
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
});

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** CommApiData.ApiType.OPEN_API */
export const OPEN_API_TYPE = 0;

export interface OpenApiRequest {
  apiType: number;
  appid: string;
  /** Top-level parameters, each parsed from the JSON text the SDK sends (snake_case keys). */
  params: Record<string, unknown>;
}

interface DecodedCommApiData {
  apiType?: number;
  appid?: string;
  openapiData?: { pairs?: Array<{ key?: string; value?: Uint8Array }> };
}

/** Decodes `requestData`; throws an Error saying which part is malformed. */
export function decodeOpenApiRequest(requestData: Uint8Array): OpenApiRequest {
  const message = CommApiData.toObject(CommApiData.decode(requestData), { defaults: true }) as DecodedCommApiData;
  const params: Record<string, unknown> = {};
  for (const pair of message.openapiData?.pairs ?? []) {
    if (!pair.key) throw new Error('an openapiData pair has no key');
    const text = Buffer.from(pair.value ?? []).toString('utf8');
    try {
      Object.defineProperty(params, pair.key, {
        value: JSON.parse(text),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } catch {
      throw new Error(`the value of "${pair.key}" is not JSON`);
    }
  }
  return { apiType: message.apiType ?? 0, appid: message.appid ?? '', params };
}

export interface OpenApiResponse {
  respData?: Uint8Array;
  contentType?: string;
  /** A platform error such as -604101; absent on success. */
  errorCode?: number;
  httpCode?: number;
}

export function encodeOpenApiResponse(response: OpenApiResponse): Uint8Array {
  return CommOpenApiResp.encode(CommOpenApiResp.fromObject(response)).finish();
}

/** The SDK's side of the exchange, for testing the emulator against the real encoding. */
export function encodeOpenApiRequest(request: OpenApiRequest): Uint8Array {
  const pairs = Object.entries(request.params).map(([key, value]) => ({
    key,
    value: Buffer.from(JSON.stringify(value)),
  }));
  return CommApiData.encode(
    CommApiData.fromObject({ apiType: request.apiType, appid: request.appid, openapiData: { pairs } }),
  ).finish();
}

export function decodeOpenApiResponse(bytes: Uint8Array): OpenApiResponse {
  return CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes));
}
