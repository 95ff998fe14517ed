import { describeCourierReason } from '../core/errors/courier-reason';
import { isQuotaError } from '../core/errors/errors';
import { ErrorCode } from '../contract/errors';
import { ruleFor } from '../core/errors/error-table';
import { parseAnswer } from '../core/wechat/upstream';
import type { LogisticsApi } from '../core/wechat/logistics';
import { AccessTokenCache } from '../https/access-token';
import { DEFAULT_API_BASE_URL, parseBaseUrl } from '../https/base-url';
import { DEFAULT_HTTP_TIMEOUT_MS } from '../https/client';
import { createHttpsLogistics, TOKEN_REJECTED_CODES } from '../https/https-logistics';
import { Redactor } from '../https/redactor';
import { createWechatHttp, type WechatHttpRequest } from '../https/wechat-http';
import type * as z from 'zod';
import type { DoctorDeps } from './types';

/** The doctor's view of WeChat: the logistics API, and any other authorized call (templates, API quota). */
export interface DoctorWechat {
  appId: string;
  baseUrl: URL;
  tokens: AccessTokenCache;
  logistics: LogisticsApi;
  /** One authorized call, replayed once with a fresh token if the token was refused; the answer validated. */
  call<S extends z.ZodType>(request: Omit<WechatHttpRequest, 'accessToken'>, schema: S): Promise<z.output<S>>;
  /** Masks the app secret and every token seen: everything printed passes through it. */
  redactor: Redactor;
}

/** Wires src/https as `npm run quota` does; throws an Error naming WX_API_BASE_URL when it is not usable. */
export function connectWechat(
  credentials: { appId: string; appSecret: string; baseUrl: string | undefined },
  deps: Pick<DoctorDeps, 'fetch' | 'now' | 'timeoutMs'>,
): DoctorWechat {
  const redactor = new Redactor();
  redactor.add(credentials.appSecret);
  const baseUrl = parseBaseUrl(credentials.baseUrl ?? DEFAULT_API_BASE_URL, 'WX_API_BASE_URL');
  const http = createWechatHttp({
    baseUrl,
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS,
    redactor,
  });
  const tokens = new AccessTokenCache({ ...credentials, http, now: deps.now, redactor });
  return {
    appId: credentials.appId,
    baseUrl,
    tokens,
    logistics: createHttpsLogistics(http, tokens),
    redactor,
    call: async (request, schema) => {
      const token = await tokens.get();
      let answer = await http({ ...request, accessToken: token });
      const errcode = (answer as { errcode?: unknown } | null)?.errcode;
      if (typeof errcode === 'number' && TOKEN_REJECTED_CODES.has(errcode)) {
        tokens.invalidate(token);
        answer = await http({ ...request, accessToken: await tokens.get() });
      }
      return parseAnswer(request.api, schema, answer);
    },
  };
}

/** What a failed call tells the merchant: the finding, the fix, and whether it only means "could not check". */
export interface CallFailure {
  finding: string;
  fix: string;
  errCode: number | undefined;
  /** WeChat's request id, for its diagnosis tool (开发者工具 → 在线调试 / 微信开放社区). */
  rid: string | undefined;
  /** WeChat could not be reached or answered nothing usable: the setup was not checked, it is not wrong. */
  unreachable: boolean;
}

const RID = /\brid:\s*([\w-]+)/;
const IP_IN_MESSAGE = [
  /invalid ip\s+([0-9a-fA-F:.]+)/i,
  /request ?ip:?\s*([0-9a-fA-F:.]+)/i,
  /\b(\d{1,3}(?:\.\d{1,3}){3})\b/,
];
const WHITELIST_CODES = new Set([40164, 61004]);
const DAILY_QUOTA_CODE = 45009;

/** The IP address WeChat says it saw, from an errmsg such as `invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist`. */
export function ipInMessage(errmsg: string): string | undefined {
  for (const pattern of IP_IN_MESSAGE) {
    const found = pattern.exec(errmsg)?.[1]?.replace(/[.,:]+$/, '');
    if (found) return found;
  }
  return undefined;
}

/** WeChat's own words from a QuotaError made of its answer (`errmsg`), or the error's message. */
function wechatWords(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause as { errmsg?: unknown; errMsg?: unknown } | undefined;
  const said = cause?.errmsg ?? cause?.errMsg;
  if (typeof said === 'string') return said;
  return error instanceof Error ? error.message : String(error);
}

/** Fixes the doctor can say better than the function's error table, where the setup is the cause. */
const SETUP_FIXES: Readonly<Record<number, string>> = {
  40013: "Set WX_APPID to the mini-program's AppID (admin console → 开发管理 → 开发设置).",
  40125:
    'Set WX_APPSECRET to the AppSecret of this AppID (admin console → 开发管理 → 开发设置; resetting it ends the old one everywhere it is used).',
  45009:
    "The mini-program's daily quota of this API is used up: wait until tomorrow, or reset it in the admin console (开发管理 → 接口设置; a few resets a month).",
};

/** A failed call as one finding and one fix. `api` names the call, such as `getAllDelivery`. */
export function describeCallFailure(error: unknown, api: string): CallFailure {
  const words = wechatWords(error);
  const rid = RID.exec(words)?.[1] ?? (error instanceof Error ? RID.exec(error.message)?.[1] : undefined);
  const errCode = isQuotaError(error) ? error.errCode : undefined;
  if (errCode === undefined) {
    // No answer, or one that is not WeChat's: the setup could not be checked, which is not a finding about it.
    const transport = !isQuotaError(error) || error.code === ErrorCode.UPSTREAM_UNAVAILABLE;
    return {
      finding: `${api} could not be read: ${oneLine(error instanceof Error ? error.message : String(error))}`,
      fix: transport
        ? "Check this machine's network, and WX_API_BASE_URL if set; then run the doctor again."
        : 'WeChat answered something unexpected: check WX_API_BASE_URL if set, run the doctor again; if it persists, report it with this line.',
      errCode,
      rid,
      unreachable: true,
    };
  }
  const said = oneLine(words.replace(/\s*\brid:\s*[\w-]+\s*$/, ''));
  const ridText = rid ? ` (rid ${rid}: give it to WeChat's diagnosis tool or support)` : '';
  const courier = isQuotaError(error) && error.courier ? `; ${describeCourierReason(error.courier)}` : '';
  const finding = `${api} answered ${errCode}${said ? ` "${said}"` : ''}${courier}${ridText}`;
  let fix = SETUP_FIXES[errCode] ?? ruleFor(errCode).hint;
  if (WHITELIST_CODES.has(errCode)) {
    const ip = ipInMessage(words);
    fix =
      `Add ${ip ? `${ip}, the address WeChat saw,` : "this machine's public IP address"} to the IP whitelist ` +
      '(admin console → 开发管理 → 开发设置 → IP白名单), or run the doctor from a whitelisted machine.';
  }
  // -1, a courier's system failing, a per-minute limit: a moment on WeChat's side, not the setup. The daily
  // quota (45009) is a finding: it lasts until tomorrow.
  const unreachable =
    isQuotaError(error) &&
    (error.retryable ||
      error.code === ErrorCode.UPSTREAM_UNAVAILABLE ||
      (error.code === ErrorCode.RATE_LIMITED && errCode !== DAILY_QUOTA_CODE));
  return { finding, fix, errCode, rid, unreachable };
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}
