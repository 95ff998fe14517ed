/** The open APIs whose daily quota `cgi-bin/openapi/quota/get` reports, by the path it is asked with. */
export const QUOTA_CGI_PATHS: Readonly<Record<string, string>> = {
  '/cgi-bin/express/business/quota/get': 'logistics.getQuota',
  '/cgi-bin/express/business/account/getall': 'logistics.getAllAccount',
  '/cgi-bin/express/business/delivery/getall': 'logistics.getAllDelivery',
};

/** What WeChat gives an API a day unless a test says otherwise (WeChat does not publish the logistics figures). */
export const DEFAULT_DAILY_LIMIT = 10_000;

/**
 * WeChat's daily API quota, emulated: a limit per API (settable), and as used what the model recorded
 * of that API's calls, plus any usage a test planted (calls made elsewhere today).
 */
export class ApiQuotas {
  private readonly limits = new Map<string, number>();
  private readonly planted = new Map<string, number>();

  set(api: string, quota: { dailyLimit?: number; usedElsewhere?: number }): void {
    if (quota.dailyLimit !== undefined) this.limits.set(api, quota.dailyLimit);
    if (quota.usedElsewhere !== undefined) this.planted.set(api, quota.usedElsewhere);
  }

  /** Answers `{ cgi_path }` as WeChat does: the path's daily limit, used and remaining, or 76021 for a path it does not count. */
  answer(params: Record<string, unknown>, callsTo: (api: string) => number): Record<string, unknown> {
    const api = typeof params.cgi_path === 'string' ? QUOTA_CGI_PATHS[params.cgi_path] : undefined;
    if (api === undefined) return { errcode: 76021, errmsg: 'cgi_path not found, please check' };
    const dailyLimit = this.limits.get(api) ?? DEFAULT_DAILY_LIMIT;
    const used = Math.min(dailyLimit, callsTo(api) + (this.planted.get(api) ?? 0));
    return { quota: { daily_limit: dailyLimit, used, remain: dailyLimit - used } };
  }
}
