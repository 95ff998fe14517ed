import { DEFAULT_ALERT_DATA } from '../src/function/alerts/settings';
import { parseAdminOpenIds } from '../src/function/access/authorize';
import type { WechatModel } from './wechat-model';

/** One-time acceptances each admin has in store unless a test says otherwise: enough for several runs. */
export const DEFAULT_ACCEPTANCES = 10;

/**
 * WeChat's side of an alert set-up, as the merchant would have made it: the template named by
 * QUOTA_ALERT_TEMPLATE_ID exists with the keys the function fills, and every admin accepted it
 * `acceptances` times. Nothing is planted when alerts are off.
 */
export function plantAlertSubscriptions(
  model: WechatModel,
  env: Record<string, string | undefined>,
  acceptances = DEFAULT_ACCEPTANCES,
): void {
  const templateId = env.QUOTA_ALERT_TEMPLATE_ID?.trim();
  if (!templateId) return;
  let keys = Object.keys(DEFAULT_ALERT_DATA);
  try {
    if (env.QUOTA_ALERT_DATA) keys = Object.keys(JSON.parse(env.QUOTA_ALERT_DATA) as object);
  } catch {
    // A malformed QUOTA_ALERT_DATA is the function's to refuse; keep the default keys.
  }
  model.subscriptions.addTemplate({ id: templateId, keys });
  for (const admin of parseAdminOpenIds(env.QUOTA_ADMIN_OPENIDS))
    model.subscriptions.accept(admin, templateId, acceptances);
}
