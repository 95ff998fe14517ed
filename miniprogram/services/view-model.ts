import { errorText } from './error-text';
import { formatTime } from './format-time';
import type { AccountResult, AllAccountsResult, SingleResult } from './quota-result';

export interface AccountCard {
  key: string;
  courier: string;
  /** The alias when there is one, else the customer code. */
  title: string;
  /** The customer code, shown under an alias. */
  subtitle: string;
  balance: string;
  low: boolean;
  /** The balance is not a live figure (a cached snapshot, or none): shown muted. */
  stale: boolean;
  /** 审核中 / 绑定失败 / 已解绑 for accounts that are not bound. */
  statusTag: string;
  /** Why the live balance is missing, or that a cached figure is shown. */
  note: string;
}

export interface CourierOption {
  deliveryId: string;
  name: string;
}

export interface AccountsView {
  cards: AccountCard[];
  unsupportedText: string;
  fetchedAt: string;
  threshold: number;
  /** The alerts' subscribe-message template; null when the admin has not turned alerts on. */
  alertTemplateId: string | null;
  /** Couriers of the listed accounts, for the single-account form's picker. */
  couriers: CourierOption[];
}

const STATUS_TAGS: Record<string, string> = { reviewing: '审核中', failed: '绑定失败', unbound: '已解绑', unknown: '状态未知' };

export function isLow(quotaNum: number | null, threshold: number): boolean {
  return quotaNum !== null && quotaNum < threshold;
}

function noteOf(account: AccountResult, now: number): string {
  if (account.status !== 'bound') return '未绑定成功的账号不查询余额。';
  if (!account.error) return '';
  const cached = account.quotaSource === 'snapshot' ? `显示的是缓存数据${account.quotaUpdatedAt ? `，更新于 ${formatTime(account.quotaUpdatedAt, now)}` : ''}。` : '';
  return `实时余额查询失败：${errorText(account.error)}${cached}`;
}

function cardOf(account: AccountResult, threshold: number, now: number): AccountCard {
  return {
    key: `${account.deliveryId}/${account.bizId}`,
    courier: account.deliveryName || account.deliveryId,
    title: account.alias || account.bizId,
    subtitle: account.alias ? `客户编码 ${account.bizId}` : '',
    balance: account.quotaNum === null ? '—' : String(account.quotaNum),
    low: isLow(account.quotaNum, threshold),
    stale: account.quotaSource !== 'live',
    statusTag: STATUS_TAGS[account.status] ?? '',
    note: noteOf(account, now),
  };
}

/** The list as shown at `now` (the phone's clock, in ms): times read relative to it. */
export function accountsView(result: AllAccountsResult, defaultThreshold: number, now: number): AccountsView {
  const threshold = result.lowThreshold ?? defaultThreshold;
  const couriers = new Map<string, string>();
  for (const account of result.accounts) couriers.set(account.deliveryId, account.deliveryName || account.deliveryId);
  const unsupported = result.unsupported.map((account) => `${account.deliveryName || account.deliveryId} ${account.alias || account.bizId}`);
  return {
    cards: result.accounts.map((account) => cardOf(account, threshold, now)),
    unsupportedText: unsupported.length > 0 ? `以下账号的快递公司按单结算，没有面单余额可查：${unsupported.join('、')}` : '',
    fetchedAt: formatTime(result.fetchedAt, now),
    threshold,
    alertTemplateId: result.alertTemplateId ?? null,
    couriers: [...couriers].map(([deliveryId, name]) => ({ deliveryId, name })),
  };
}

export interface SingleView {
  text: string;
  low: boolean;
}

export function singleView(result: SingleResult, threshold: number, now: number): SingleView {
  return { text: `${result.deliveryId} / ${result.bizId}：剩余 ${result.quotaNum} 单（${formatTime(result.fetchedAt, now)}）`, low: isLow(result.quotaNum, threshold) };
}
