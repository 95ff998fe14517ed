import sampleState from '../emulator/sample-state.json';
import { startHttpsFace } from '../emulator/https-server';
import type { ModelStateInput } from '../emulator/state';
import { EMULATED_CREDENTIALS, WechatModel } from '../emulator/wechat-model';
import { DEFAULT_API_BASE_URL } from '../https/base-url';

/** Where the command sends its requests, with which credentials. */
export interface QuotaTarget {
  appId: string;
  appSecret: string;
  baseUrl: string;
  /** A line for stderr about where requests go, if worth saying. */
  notice: string | undefined;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Reads WX_APPID, WX_APPSECRET and WX_API_BASE_URL; with no credentials, starts the embedded fake back end. */
export async function resolveTarget(env: Readonly<Record<string, string | undefined>>): Promise<QuotaTarget> {
  const appId = env.WX_APPID?.trim() || undefined;
  const appSecret = env.WX_APPSECRET?.trim() || undefined;
  if (!appId && !appSecret) {
    const face = await startHttpsFace(new WechatModel(sampleState as ModelStateInput));
    return {
      ...EMULATED_CREDENTIALS,
      baseUrl: face.baseUrl,
      notice: 'WX_APPID and WX_APPSECRET are not set: answering from the embedded fake WeChat back end with sample data, not your real accounts.',
      close: () => face.close(),
    };
  }
  if (!appId || !appSecret) throw new Error(`${appId ? 'WX_APPSECRET' : 'WX_APPID'} is not set: set both WX_APPID and WX_APPSECRET, or neither to try the embedded fake back end.`);
  const baseUrl = parseBaseUrl(env.WX_API_BASE_URL?.trim() || DEFAULT_API_BASE_URL);
  const insecure = baseUrl.protocol === 'http:' && !LOOPBACK_HOSTS.has(baseUrl.hostname);
  return {
    appId,
    appSecret,
    baseUrl: baseUrl.toString(),
    notice: insecure ? `warning: WX_API_BASE_URL uses plain http to ${baseUrl.host}; the app secret travels unencrypted.` : undefined,
    close: async () => undefined,
  };
}

function parseBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`WX_API_BASE_URL is not a URL: "${text}". Use the form https://api.weixin.qq.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`WX_API_BASE_URL must start with https:// (got ${url.protocol}).`);
  if (url.search || url.username || url.password) throw new Error('WX_API_BASE_URL must not carry a query string or user name: give the base URL only.');
  return url;
}
