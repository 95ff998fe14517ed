import type { WireError } from './quota-result';
import type { CourierReason, ErrorCode, ForbiddenReason } from '../contract/errors';
import { ownValue } from './wire-checks';

/** What the page says when the function's result cannot be trusted. */
export const MALFORMED_RESULT_TEXT = '云函数返回的数据格式不正确：请确认已部署最新版本的 getQuota 云函数。';
/** What the page says when wx.cloud.callFunction itself fails: most often an environment id not set yet. */
export const CALL_FAILED_TEXT =
  '无法调用云函数 getQuota：请确认它已部署到 miniprogram/config.ts 中 CLOUD_ENV_ID 所设的云开发环境，并检查网络后重试。';

/**
 * Each code the function reports as RATE_LIMITED (src/core/errors/error-table.ts) limits something else,
 * so each gets its own advice: waiting a minute does not help once the day's quota is used up.
 */
export const RATE_LIMIT_TEXTS: Readonly<Record<number, string>> = {
  45009: '今天的微信接口调用次数已用完：请明天再查询，或请管理员在小程序管理后台「开发 → 接口调用额度」中重置额度。',
  45011: '微信接口每分钟的调用次数已达上限：请等一分钟后再试。',
  9300509: '物流助手查询重试太快了：请等一分钟后再试。',
  9300537: '物流助手限制了查询频率：请等一分钟后再试。',
  [-501003]: '云开发环境的请求次数超出了限额：请稍后再试；经常出现时，请管理员在云开发控制台查看资源用量。',
  [-501004]: '云开发环境同时处理的请求太多了：请等几秒后再试。',
};

/** PERMISSION_DENIED by the code behind it (src/core/errors/error-table.ts): each needs a different fix. */
export const PERMISSION_TEXTS: Readonly<Record<number, string>> = {
  48001: '小程序还没有开通物流助手：物流助手只对已认证的小程序开放，请先完成微信认证，再在小程序管理后台开通后重试。',
  [-604101]: '云函数没有调用物流助手接口的权限：请在 config.json 中声明后重新部署 getQuota。',
};

/** FORBIDDEN by the function's reason (ForbiddenReason, ../contract/errors.ts); the OPENID itself is shown apart, whole and copyable. */
export const FORBIDDEN_TEXTS: Readonly<Record<ForbiddenReason, string>> = {
  'not-admin': '你还没有查看面单余额的权限：请管理员把你的 OPENID 加入云函数环境变量 QUOTA_ADMIN_OPENIDS。',
  'no-admins-configured':
    '还没有设置可以查看面单余额的管理员：' +
    '请在云开发控制台把管理员的 OPENID（你的 OPENID 见下方）填入 getQuota 的环境变量 QUOTA_ADMIN_OPENIDS。',
  'no-openid': '没有取得你的微信身份（OPENID），无法核对管理员名单：请在微信中重新打开小程序后重试。',
  source: '这种调用方式不能查看面单余额：请在小程序中以管理员身份查看。',
  'cross-account':
    '这次查询来自另一个小程序（云开发资源共享），面单余额只对本小程序开放：' +
    '如需允许，请本小程序的管理员把那个小程序的 AppID 加入云函数环境变量 QUOTA_SHARED_APPIDS。',
  'not-timer': '低余额提醒只能由云函数自己的定时触发器发出：查看余额请直接刷新本页。',
};

/** 9300501: the courier's own system refused, and its code and words (when WeChat passed them on) say why. */
export const COURIER_REFUSED = 9300501;

/** One sentence per stable code: what the page says when the error's details allow nothing more precise. */
export const ERROR_TEXTS: Readonly<Record<ErrorCode, string>> = {
  INVALID_INPUT: '查询参数有误：请检查快递公司和客户编码后重试。',
  FORBIDDEN: '你没有查看面单余额的权限：请联系管理员。',
  CONFIG_INVALID: '云函数的配置有误：请管理员检查 getQuota 的环境变量（如 QUOTA_LOW_THRESHOLD）。',
  PERMISSION_DENIED: '没有调用物流助手接口的权限：请管理员检查小程序和云函数的配置。',
  ACCOUNT_NOT_BOUND: '这个客户编码没有绑定到该快递公司：请从账号列表中选择已绑定的账号，或在管理后台完成绑定。',
  COURIER_NOT_SUPPORTED: '这家快递公司不支持查询面单余额（直营快递按单结算）。',
  RATE_LIMITED: '查询太频繁了：请稍等一会儿再试。',
  CREDENTIALS_INVALID: '微信接口凭证无效：请联系管理员检查小程序配置或重新绑定账号。',
  WECHAT_ERROR: '微信返回错误，请稍后重试或联系管理员。',
  UPSTREAM_UNAVAILABLE: '微信物流服务暂时不可用，请稍后下拉刷新重试。',
  UPSTREAM_INVALID: '微信返回了无法识别的数据，请稍后重试。',
  INTERNAL: '云函数出错了：请联系管理员查看 getQuota 的日志。',
};

function courierRefusalText(courier: CourierReason | undefined): string {
  const said = courier ? [courier.code, courier.message].filter((part) => part !== '').join('：') : '';
  const why = said === '' ? '错误码 9300501' : `快递公司返回 ${said}`;
  return `快递公司拒绝了这次查询（${why}）：请核对这个账号在快递公司的客户编码和密码，或联系快递网点。`;
}

/** The sentence the error's details (reason, WeChat's code, the courier's words) make more precise, if any. */
function preciseText(error: WireError): string | undefined {
  const { errCode } = error;
  switch (error.code) {
    case 'FORBIDDEN':
      return error.forbidden && ownValue(FORBIDDEN_TEXTS, error.forbidden.reason);
    case 'PERMISSION_DENIED':
      return errCode === undefined ? undefined : PERMISSION_TEXTS[errCode];
    case 'RATE_LIMITED':
      return errCode === undefined ? undefined : RATE_LIMIT_TEXTS[errCode];
    case 'WECHAT_ERROR':
      if (errCode === COURIER_REFUSED) return courierRefusalText(error.courier);
      return errCode === undefined ? undefined : `微信返回错误（错误码 ${errCode}），请稍后重试或联系管理员。`;
    default:
      return undefined;
  }
}

/** The function's error as a plain Chinese sentence for the merchant; a code this page does not know reads as INTERNAL. */
export function errorText(error: WireError): string {
  return preciseText(error) ?? ownValue(ERROR_TEXTS, error.code) ?? ERROR_TEXTS.INTERNAL;
}
