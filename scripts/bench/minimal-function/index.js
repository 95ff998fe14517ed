// Benchmark fixture, never shipped: the practical limit of a cold start. It makes the same open-API
// call as getQuota (logistics.getQuota through the cloud's admin endpoint, the wire protocol of
// wx-server-sdk) with nothing but Node's http module and a dozen lines of protobuf.
'use strict';

const http = require('http');

/** A protobuf varint. */
function varint(value) {
  const bytes = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

/** A length-delimited protobuf field. */
function field(number, payload) {
  return Buffer.concat([varint((number << 3) | 2), varint(payload.length), payload]);
}

/** CommApiData { apiType: 0 (open API), openapiData { pairs: key → JSON of the value } } */
function commApiData(params) {
  const pairs = Object.keys(params).map((key) =>
    field(1, Buffer.concat([field(1, Buffer.from(key)), field(2, Buffer.from(JSON.stringify(params[key])))])),
  );
  return Buffer.concat([varint(1 << 3), varint(0), field(2, Buffer.concat(pairs))]);
}

/** CommOpenApiResp: respData (1, bytes) and errorCode (3, int32); other fields skipped. */
function readResponse(bytes) {
  const answer = { respData: undefined, errorCode: 0 };
  let offset = 0;
  const readVarint = () => {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[offset++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
    }
  };
  while (offset < bytes.length) {
    const tag = readVarint();
    if ((tag & 7) === 0) {
      const value = readVarint();
      if (tag >>> 3 === 3) answer.errorCode = value > 0x7fffffff ? value - 2 ** 64 : value;
    } else if ((tag & 7) === 2) {
      const length = readVarint();
      if (tag >>> 3 === 1) answer.respData = bytes.subarray(offset, offset + length);
      offset += length;
    } else {
      throw new Error(`unexpected wire type ${tag & 7}`);
    }
  }
  return answer;
}

function multipart(fields) {
  const boundary = `----minimal${Date.now().toString(16)}`;
  const parts = Object.keys(fields).map((name) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
      Buffer.from(fields[name]),
      Buffer.from('\r\n'),
    ]),
  );
  return {
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

function post(url, form) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { 'content-type': form.type, 'content-length': form.body.length } },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
      },
    );
    request.on('error', reject);
    request.end(form.body);
  });
}

const adminUrl = JSON.parse(process.env.TCB_CONTEXT_CNFG).URL;
const envName = process.env.TCB_ENV;

exports.main = async (event) => {
  const requestData = commApiData({ delivery_id: event.deliveryId, biz_id: event.bizId });
  const form = multipart({ action: 'wx.openApi', apiName: 'logistics.getQuota', requestData, envName });
  const answer = readResponse(await post(`${adminUrl}?env=${encodeURIComponent(envName)}`, form));
  if (answer.errorCode) return { errCode: answer.errorCode };
  const body = JSON.parse(answer.respData.toString());
  return { quotaNum: body.quota_num, errCode: body.errcode, errMsg: body.errmsg };
};
