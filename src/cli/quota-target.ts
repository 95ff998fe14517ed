import { DEFAULT_API_BASE_URL, parseBaseUrl } from '../https/base-url';

/** A local stand-in for WeChat with sample data, for --demo. Started by the caller (scripts/quota.ts), never by src/cli. */
export interface DemoBackEnd {
  appId: string;
  appSecret: string;
  baseUrl: string;
  close(): Promise<void>;
}

export type StartDemo = () => Promise<DemoBackEnd>;

/** Where the command sends its requests, with which credentials. */
export interface QuotaTarget {
  appId: string;
  appSecret: string;
  baseUrl: string;
  /** A line for stderr about where requests go, if worth saying. */
  notice: string | undefined;
  close(): Promise<void>;
}

/** A bad environment; its message names the variable and how to fix it. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError' as const;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Reads WX_APPID, WX_APPSECRET and WX_API_BASE_URL, or starts the demo back end when --demo asked for it.
 * Never falls back to sample data on its own: a cron job that lost its environment must fail, not report
 * healthy balances that are not the merchant's.
 */
export async function resolveTarget(
  env: Readonly<Record<string, string | undefined>>,
  demo: { wanted: boolean; start: StartDemo | undefined },
): Promise<QuotaTarget> {
  const appId = env.WX_APPID?.trim() || undefined;
  const appSecret = env.WX_APPSECRET?.trim() || undefined;
  if (demo.wanted) {
    if (!demo.start) throw new EnvironmentError('--demo is not available here: run it as npm run quota -- --demo.');
    const backEnd = await demo.start();
    const ignored = appId || appSecret ? ' WX_APPID and WX_APPSECRET are not used.' : '';
    return {
      ...backEnd,
      notice: `--demo: answering from the embedded sample back end: sample data, not your accounts.${ignored}`,
    };
  }
  if (!appId && !appSecret) {
    throw new EnvironmentError(
      'WX_APPID and WX_APPSECRET are not set: set both to query your accounts, or pass --demo to try the command on sample data.',
    );
  }
  if (!appId || !appSecret)
    throw new EnvironmentError(
      `${appId ? 'WX_APPSECRET' : 'WX_APPID'} is not set: set both WX_APPID and WX_APPSECRET.`,
    );
  let baseUrl: URL;
  try {
    baseUrl = parseBaseUrl(env.WX_API_BASE_URL?.trim() || DEFAULT_API_BASE_URL, 'WX_API_BASE_URL');
  } catch (error) {
    throw new EnvironmentError((error as Error).message);
  }
  const insecure = baseUrl.protocol === 'http:' && !LOOPBACK_HOSTS.has(baseUrl.hostname);
  return {
    appId,
    appSecret,
    baseUrl: baseUrl.href,
    notice: insecure
      ? `warning: WX_API_BASE_URL uses plain http to ${baseUrl.host}; the app secret travels unencrypted.`
      : undefined,
    close: async () => undefined,
  };
}
