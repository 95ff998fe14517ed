import { timerLine, type TimerLine } from './timer-status';
import { outcomeText, robotName } from './robot-channels';
import { errorText } from './error-text';
import { forecastLine } from './forecast-text';
import { formatTime } from './format-time';
import { isStale, storedNote } from './stored-balance';
import type { AccountStatus, SingleQuota, UnsupportedAccount, UnsupportedReason } from '../contract/answers';
import { byUrgency } from '../contract/urgency';
import { isLowBalance, TIMER_EVERY_MINUTES } from '../contract/values';
import type { AccountResult, AllAccountsResult } from './quota-result';
import { trendUrl } from './trend-link';
import { ownValue } from './wire-checks';

/** The one status whose balance is queried. */
const BOUND: AccountStatus = 'bound';

export interface AccountCard {
  key: string;
  courier: string;
  /** The alias when there is one, else the customer code. */
  title: string;
  /** The customer code, shown under an alias. */
  subtitle: string;
  balance: string;
  /** The balance is under the threshold. */
  low: boolean;
  /** The forecast runs out in fewer days than QUOTA_ALERT_DAYS: as urgent as a low balance. */
  soon: boolean;
  /** When it runs out in words (约 12 天后用完); empty where no forecast is worth showing. */
  forecast: string;
  /** 每天约 35 单, beside the forecast. */
  usage: string;
  /** The balance is not a recent live figure (a cached snapshot, an old stored one, or none): shown muted. */
  stale: boolean;
  /** 审核中 / 绑定失败 / 已解绑 for accounts that are not bound. */
  statusTag: string;
  /** Why the live balance is missing, or that a cached figure is shown. */
  note: string;
  /** The account's balance trend page; empty for an account that is not bound (it has no history). */
  trendUrl: string;
}

export interface CourierOption {
  deliveryId: string;
  name: string;
}

/** One sentence naming the accounts that were not queried for one reason. */
export interface UnsupportedNote {
  reason: UnsupportedReason;
  text: string;
}

export interface AccountsView {
  cards: AccountCard[];
  unsupportedNotes: UnsupportedNote[];
  fetchedAt: string;
  lowThreshold: number;
  alertDays: number;
  /** The alerts' subscribe-message template; null when the admin has not turned alerts on. */
  alertTemplateId: string | null;
  /** The function's environment variable that stops the alerts; '' when they are configured well. */
  alertConfigVariable: string;
  /** Couriers of the listed accounts, for the single-account form's picker. */
  couriers: CourierOption[];
  /** The group robots the alerts post to, one line each (企业微信 qyapi.weixin.qq.com …c0de). */
  channels: string[];
  /** Entries of QUOTA_ALERT_WEBHOOKS that are not robot addresses, one sentence each. */
  channelProblems: string[];
  /** The timer's heartbeat: when it last ran and how it went, red when late, never run or failed; null when unknown. */
  timer: TimerLine | null;
}

const UNSUPPORTED_TEXTS: Record<UnsupportedReason, (names: string) => string> = {
  'no-quota': (names) => `以下账号的快递公司按单结算，没有面单余额可查：${names}`,
  // WeChat's courier list does not name the courier, so whether it has a quota at all is unknown.
  'courier-unlisted': (names) =>
    `以下账号的快递公司不在微信物流助手的快递公司列表中，暂时无法查询余额：${names}。` +
    `请稍后下拉刷新，或在小程序管理后台「物流助手」中核对这些账号。`,
};

function unsupportedNotes(accounts: UnsupportedAccount[]): UnsupportedNote[] {
  const notes: UnsupportedNote[] = [];
  for (const reason of ['no-quota', 'courier-unlisted'] as const) {
    const names = accounts
      .filter((account) => account.reason === reason)
      .map((account) => `${account.deliveryName || account.deliveryId} ${account.alias || account.bizId}`);
    if (names.length > 0) notes.push({ reason, text: UNSUPPORTED_TEXTS[reason](names.join('、')) });
  }
  return notes;
}

/** A tag for each status but bound; a status this page does not know yet gets none. */
export const STATUS_TAGS: Readonly<Record<Exclude<AccountStatus, 'bound'>, string>> = {
  reviewing: '审核中',
  failed: '绑定失败',
  unbound: '已解绑',
  unknown: '状态未知',
};

function noteOf(account: AccountResult, now: number): string {
  if (account.status !== BOUND) return '未绑定成功的账号不查询余额。';
  if (account.quotaSource === 'stored') return storedNote(account, now);
  if (!account.error) return '';
  const cached =
    account.quotaSource === 'snapshot'
      ? `显示的是缓存数据，${account.quotaUpdatedAt ? `更新于 ${formatTime(account.quotaUpdatedAt, now)}` : '更新时间未知'}。`
      : '';
  return `实时余额查询失败：${errorText(account.error)}${cached}`;
}

function cardOf(account: AccountResult, lowThreshold: number, alertDays: number, now: number): AccountCard {
  const courier = account.deliveryName || account.deliveryId;
  const title = account.alias || account.bizId;
  // A failed account with too little history has nothing to forecast: its note says what went wrong.
  const forecastShown = account.status === BOUND && (account.quotaNum !== null || account.forecast.dailyUsage !== null);
  const line = forecastLine(account.forecast, alertDays);
  return {
    key: `${account.deliveryId}/${account.bizId}`,
    courier,
    title,
    subtitle: account.alias ? `客户编码 ${account.bizId}` : '',
    balance: account.quotaNum === null ? '—' : String(account.quotaNum),
    low: isLowBalance(account.quotaNum, lowThreshold),
    soon: forecastShown && line.soon,
    forecast: forecastShown ? line.text : '',
    usage: forecastShown ? line.usage : '',
    stale: isStale(account, now),
    statusTag: ownValue(STATUS_TAGS, account.status) ?? '',
    note: noteOf(account, now),
    trendUrl:
      account.status === BOUND
        ? trendUrl({ deliveryId: account.deliveryId, bizId: account.bizId, courier, title })
        : '',
  };
}

/** The list as shown at `now` (the phone's clock, in ms): times read relative to it. */
export function accountsView(result: AllAccountsResult, defaultLowThreshold: number, now: number): AccountsView {
  const lowThreshold = result.lowThreshold ?? defaultLowThreshold;
  const couriers = new Map<string, string>();
  for (const account of result.accounts) couriers.set(account.deliveryId, account.deliveryName || account.deliveryId);
  return {
    cards: byUrgency(result.accounts, { lowThreshold, alertDays: result.alertDays }).map((account) =>
      cardOf(account, lowThreshold, result.alertDays, now),
    ),
    unsupportedNotes: unsupportedNotes(result.unsupported),
    fetchedAt: formatTime(result.fetchedAt, now),
    lowThreshold,
    alertDays: result.alertDays,
    alertTemplateId: result.alertTemplateId ?? null,
    channels: (result.alertChannels?.configured ?? []).map(({ kind, address }) => `${robotName(kind)} ${address}`),
    timer:
      result.timer === undefined
        ? null
        : timerLine(result.timer, now, result.timer?.everyMinutes ?? TIMER_EVERY_MINUTES),
    channelProblems: (result.alertChannels?.invalid ?? []).map((problem) =>
      outcomeText({ status: 'invalid', entry: problem.entry }),
    ),
    alertConfigVariable: result.alertConfigError?.variable ?? '',
    couriers: [...couriers].map(([deliveryId, name]) => ({ deliveryId, name })),
  };
}

export interface SingleView {
  text: string;
  low: boolean;
}

export function singleView(result: SingleQuota, lowThreshold: number, now: number): SingleView {
  return {
    text: `${result.deliveryId} / ${result.bizId}：剩余 ${result.quotaNum} 单（${formatTime(result.fetchedAt, now)}）`,
    low: isLowBalance(result.quotaNum, lowThreshold),
  };
}
