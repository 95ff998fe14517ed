import { ErrorCode } from '../../contract/errors';

export interface ErrorRule {
  code: ErrorCode;
  /** What went wrong and what to do about it, in one or two plain sentences. */
  hint: string;
  retryable?: boolean;
}

const ACCESS_TOKEN_HINT =
  'The access token was rejected. Check WX_APPID and WX_APPSECRET; a fresh token is fetched automatically once.';
const RATE_LIMIT_HINT = 'WeChat is limiting how often this can be called. Wait a minute and try again.';
const UNAVAILABLE_HINT = 'WeChat could not be reached or did not answer in time. Try again shortly.';

/**
 * WeChat global codes, Logistics Assistant codes and cloud platform codes, mapped to stable error codes.
 * The single place where a numeric code gains a meaning.
 */
export const ERROR_RULES: ReadonlyMap<number, ErrorRule> = new Map<number, ErrorRule>([
  [
    -1,
    {
      code: ErrorCode.UPSTREAM_UNAVAILABLE,
      hint: 'WeChat is busy (system error -1). Try again in a few seconds.',
      retryable: true,
    },
  ],
  [40001, { code: ErrorCode.CREDENTIALS_INVALID, hint: ACCESS_TOKEN_HINT }],
  [40014, { code: ErrorCode.CREDENTIALS_INVALID, hint: ACCESS_TOKEN_HINT }],
  [41001, { code: ErrorCode.CREDENTIALS_INVALID, hint: ACCESS_TOKEN_HINT }],
  [42001, { code: ErrorCode.CREDENTIALS_INVALID, hint: ACCESS_TOKEN_HINT }],
  [
    40013,
    {
      code: ErrorCode.CREDENTIALS_INVALID,
      hint: 'The appid is not valid. Check WX_APPID against the mini-program admin console.',
    },
  ],
  [
    40125,
    {
      code: ErrorCode.CREDENTIALS_INVALID,
      hint: 'The app secret is not valid. Check WX_APPSECRET, or reset it in the mini-program admin console.',
    },
  ],
  [
    40164,
    {
      code: ErrorCode.PERMISSION_DENIED,
      hint: "This server's IP address is not whitelisted. Add it to the API IP whitelist in the mini-program admin console.",
    },
  ],
  [
    43002,
    {
      code: ErrorCode.WECHAT_ERROR,
      hint: 'WeChat expected a POST request. This is a bug in the caller: please report it.',
    },
  ],
  [
    40037,
    {
      code: ErrorCode.CONFIG_INVALID,
      hint: "The subscribe-message template id is not one of this mini-program's templates. Check QUOTA_ALERT_TEMPLATE_ID.",
    },
  ],
  [
    40003,
    {
      code: ErrorCode.CONFIG_INVALID,
      hint: 'An OPENID in QUOTA_ADMIN_OPENIDS is not a user of this mini-program. Check the list: the balances page names the OPENID of a user it refuses.',
    },
  ],
  [
    41030,
    {
      code: ErrorCode.CONFIG_INVALID,
      hint:
        'The page the message opens (pages/quota/index) is not in the published version. ' +
        'Publish the mini-program, or set QUOTA_ALERT_MINIPROGRAM_STATE to trial or developer.',
    },
  ],
  [
    43101,
    {
      code: ErrorCode.WECHAT_ERROR,
      hint:
        'The recipient has not accepted this message template, or has used up the acceptance. ' +
        'Ask them to tap 订阅低余额提醒 on the balances page again.',
    },
  ],
  [
    47003,
    {
      code: ErrorCode.CONFIG_INVALID,
      hint: "The message data does not fit the template. Check QUOTA_ALERT_DATA against the template's fields.",
    },
  ],
  [
    44002,
    {
      code: ErrorCode.WECHAT_ERROR,
      hint: 'WeChat received an empty request body. This is a bug in the caller: please report it.',
    },
  ],
  [
    45009,
    {
      code: ErrorCode.RATE_LIMITED,
      hint: "The mini-program's daily API quota is used up. Try again tomorrow, or reset the quota in the admin console.",
    },
  ],
  [45011, { code: ErrorCode.RATE_LIMITED, hint: RATE_LIMIT_HINT }],
  [
    47001,
    {
      code: ErrorCode.WECHAT_ERROR,
      hint: 'WeChat could not read the request data. Check deliveryId and bizId for unusual characters.',
    },
  ],
  [
    48001,
    {
      code: ErrorCode.PERMISSION_DENIED,
      hint:
        'The Logistics Assistant (物流助手) is not enabled for this mini-program. ' +
        'It needs a verified (认证) mini-program: complete verification, ' +
        'then enable it in the mini-program admin console.',
    },
  ],
  [
    9300501,
    {
      code: ErrorCode.WECHAT_ERROR,
      hint: "The courier's system rejected the request. Check the account with the courier.",
    },
  ],
  [9300502, { code: ErrorCode.UPSTREAM_UNAVAILABLE, hint: "The courier's system is failing. Try again later." }],
  [
    9300503,
    {
      code: ErrorCode.COURIER_NOT_SUPPORTED,
      hint: 'This deliveryId is not registered with the Logistics Assistant. Take deliveryId from the bound-account list ({ "all": true }).',
    },
  ],
  [
    9300507,
    {
      code: ErrorCode.CREDENTIALS_INVALID,
      hint: "The courier rejected the account's token. Re-bind the account in the mini-program admin console.",
    },
  ],
  [9300509, { code: ErrorCode.RATE_LIMITED, hint: RATE_LIMIT_HINT }],
  [9300513, { code: ErrorCode.WECHAT_ERROR, hint: 'This account has no waybills left. Recharge it with the courier.' }],
  [
    9300520,
    {
      code: ErrorCode.COURIER_NOT_SUPPORTED,
      hint: 'This deliveryId is not a valid courier. Take deliveryId from the bound-account list ({ "all": true }).',
    },
  ],
  [
    9300523,
    { code: ErrorCode.WECHAT_ERROR, hint: 'This account does not have enough waybills. Recharge it with the courier.' },
  ],
  [
    9300525,
    {
      code: ErrorCode.ACCOUNT_NOT_BOUND,
      hint: 'This bizId is not bound to the mini-program for this courier. Take bizId from the bound-account list ({ "all": true }).',
    },
  ],
  [9300526, { code: ErrorCode.INVALID_INPUT, hint: 'An argument is too long for WeChat. Check deliveryId and bizId.' }],
  [
    9300527,
    {
      code: ErrorCode.COURIER_NOT_SUPPORTED,
      hint: 'This courier has no waybill quota to query (direct-operated couriers such as SF, EMS and JDL bill per parcel).',
    },
  ],
  [
    9300531,
    {
      code: ErrorCode.ACCOUNT_NOT_BOUND,
      hint: 'The courier does not recognise this bizId. Check the account in the mini-program admin console.',
    },
  ],
  [
    9300532,
    {
      code: ErrorCode.ACCOUNT_NOT_BOUND,
      hint: 'The binding of this account is still under review by the courier. Try again once it is approved.',
    },
  ],
  [9300537, { code: ErrorCode.RATE_LIMITED, hint: RATE_LIMIT_HINT }],
  [
    -604100,
    { code: ErrorCode.INTERNAL, hint: 'The cloud does not know this open API. Update wx-server-sdk and redeploy.' },
  ],
  [
    -604101,
    {
      code: ErrorCode.PERMISSION_DENIED,
      hint:
        'The cloud function may not call this open API. ' +
        'Declare it under permissions.openapi in config.json and redeploy ' +
        '(the cloud applies permissions within about 10 minutes).',
    },
  ],
  [-604102, { code: ErrorCode.UPSTREAM_UNAVAILABLE, hint: UNAVAILABLE_HINT }],
  [
    -604103,
    { code: ErrorCode.UPSTREAM_UNAVAILABLE, hint: 'The cloud failed while calling WeChat. Try again shortly.' },
  ],
  [
    -604104,
    {
      code: ErrorCode.PERMISSION_DENIED,
      hint: 'The cloud refused the open-API call from this invocation source. Call the function from the mini-program, a trigger or a server.',
    },
  ],
  [-601001, { code: ErrorCode.UPSTREAM_UNAVAILABLE, hint: 'The cloud had a system error. Try again shortly.' }],
  [-601003, { code: ErrorCode.UPSTREAM_UNAVAILABLE, hint: UNAVAILABLE_HINT, retryable: true }],
  [-601008, { code: ErrorCode.UPSTREAM_UNAVAILABLE, hint: UNAVAILABLE_HINT }],
  [-501001, { code: ErrorCode.UPSTREAM_UNAVAILABLE, hint: UNAVAILABLE_HINT, retryable: true }],
  [-501002, { code: ErrorCode.UPSTREAM_UNAVAILABLE, hint: UNAVAILABLE_HINT, retryable: true }],
  [
    -501003,
    { code: ErrorCode.RATE_LIMITED, hint: 'The cloud environment is over its request limit. Try again shortly.' },
  ],
  [
    -501004,
    {
      code: ErrorCode.RATE_LIMITED,
      hint: 'The cloud environment is over its concurrent request limit. Try again shortly.',
    },
  ],
]);

export function ruleFor(errCode: number): ErrorRule {
  const rule = ERROR_RULES.get(errCode);
  if (rule) return rule;
  // Negative codes come from the cloud platform, positive ones from WeChat or the courier.
  return errCode < 0
    ? { code: ErrorCode.UPSTREAM_UNAVAILABLE, hint: 'The cloud platform failed. Try again shortly.' }
    : { code: ErrorCode.WECHAT_ERROR, hint: 'WeChat refused the request; see its message.' };
}
