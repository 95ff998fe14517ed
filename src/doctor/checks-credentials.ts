import { readCourierRow, type CourierRow } from '../core/wechat/account-rows';
import { deliveryAnswerSchema } from '../core/wechat/list-answers';
import { parseAnswer } from '../core/wechat/upstream';
import { DEFAULT_API_BASE_URL } from '../https/base-url';
import { fail, ok, unchecked, type Check, type DoctorDeps } from './types';
import { connectWechat, describeCallFailure, type DoctorWechat } from './wechat';

const SET_CREDENTIALS =
  'Set WX_APPID and WX_APPSECRET (admin console → 开发管理 → 开发设置), in the environment or the --function-env file.';

/** Check 1: the credentials give an access token. The connection is returned for the next checks when they do. */
export async function checkCredentials(
  deps: Pick<DoctorDeps, 'env' | 'fetch' | 'now' | 'timeoutMs'>,
): Promise<{ check: Check; wechat?: DoctorWechat }> {
  const appId = deps.env.WX_APPID?.trim() || undefined;
  const appSecret = deps.env.WX_APPSECRET?.trim() || undefined;
  if (!appId || !appSecret) {
    const missing = [!appId && 'WX_APPID', !appSecret && 'WX_APPSECRET'].filter(Boolean).join(' and ');
    return {
      check: unchecked(
        'credentials',
        `${missing} ${missing.includes(' and ') ? 'are' : 'is'} not set: nothing on WeChat's side can be checked`,
        SET_CREDENTIALS,
      ),
    };
  }
  const baseText = deps.env.WX_API_BASE_URL?.trim() || undefined;
  let wechat: DoctorWechat;
  try {
    wechat = connectWechat({ appId, appSecret, baseUrl: baseText }, deps);
  } catch (error) {
    // The message may quote the URL, which may hold a password: it is named, not shown.
    const reason = (error as Error).message.split(baseText ?? '').join('(not shown)');
    return { check: unchecked('credentials', reason, `Fix WX_API_BASE_URL, or unset it for ${DEFAULT_API_BASE_URL}.`) };
  }
  try {
    await wechat.tokens.get();
  } catch (error) {
    const failure = describeCallFailure(error, 'stable_token');
    const check = failure.unreachable
      ? unchecked('credentials', failure.finding, failure.fix)
      : fail('credentials', failure.finding, failure.fix);
    return { check: { ...check, finding: wechat.redactor.redact(check.finding) } };
  }
  const where = wechat.baseUrl.href.startsWith(DEFAULT_API_BASE_URL) ? '' : ` from ${wechat.baseUrl.host}`;
  return {
    check: ok('credentials', `WX_APPID ${appId} and its secret give an access token (stable_token${where})`),
    wechat,
  };
}

/** Check 2's outcome: the couriers WeChat lists, for check 3. */
export interface LogisticsResult {
  check: Check;
  couriers?: Map<string, CourierRow>;
}

/** Check 2: the Logistics Assistant answers (enabled, and the app verified): getAllDelivery, 48001 otherwise. */
export async function checkLogistics(wechat: DoctorWechat): Promise<LogisticsResult> {
  let data: unknown[];
  try {
    data = parseAnswer('getAllDelivery', deliveryAnswerSchema, await wechat.logistics.getAllDelivery()).data;
  } catch (error) {
    const failure = describeCallFailure(error, 'getAllDelivery');
    if (failure.unreachable) return { check: unchecked('logistics', failure.finding, failure.fix) };
    const finding =
      failure.errCode === 48001
        ? `${failure.finding}: the Logistics Assistant (物流助手) is not enabled, or the mini-program is not verified (认证)`
        : failure.finding;
    return { check: fail('logistics', finding, failure.fix) };
  }
  const couriers = new Map<string, CourierRow>();
  for (const raw of data) {
    const courier = readCourierRow(raw);
    if (courier && !couriers.has(courier.deliveryId)) couriers.set(courier.deliveryId, courier);
  }
  const withQuota = [...couriers.values()].filter((courier) => courier.canGetQuota).length;
  return {
    check: ok(
      'logistics',
      `the Logistics Assistant answers: getAllDelivery lists ${couriers.size} couriers, ${withQuota} with a waybill quota`,
    ),
    couriers,
  };
}
