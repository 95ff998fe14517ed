import { chinaDate, chinaDateTime } from '../../china-time';
import type { Forecast } from '../../../contract/answers';
import { daysLeftText } from '../../../contract/days-left';
import { byUrgency, type UrgencyRule } from '../../../contract/urgency';

/** An account as a digest lists it. */
export interface DigestAccount {
  deliveryId: string;
  deliveryName: string;
  bizId: string;
  alias: string;
  quotaNum: number;
  /** When the balance was read (ISO time), if known. */
  quotaUpdatedAt?: string | null;
  forecast?: Forecast;
}

/** What every robot's message says, before each service's format: a title, one line per account, a tail. */
export interface Digest {
  title: string;
  intro: string;
  lines: string[];
  /** The accounts listed, most urgent first. */
  count: number;
}

/** Every digest and test message contains it: the keyword to give a DingTalk or Feishu robot's keyword rule. */
export const ROBOT_KEYWORD = '面单余额';

/**
 * One message for the whole run: every low or soon-empty account, most urgent first (the page's and
 * the CLI's order), with what a shipping desk needs to act: courier, alias, customer code, balance,
 * days left and run-out date, and when the balance was read, in China time.
 */
export function buildDigest(accounts: readonly DigestAccount[], rule: UrgencyRule): Digest {
  const ordered = byUrgency(
    accounts.map((account) => ({ ...account, status: 'bound' as const })),
    rule,
  );
  return {
    title: `${ROBOT_KEYWORD}不足提醒`,
    intro: `${ordered.length} 个物流账号${ROBOT_KEYWORD}偏低（低于 ${rule.lowThreshold} 单${
      rule.alertDays > 0 ? `或 ${rule.alertDays} 天内用完` : ''
    }），请及时充值：`,
    lines: ordered.map(digestLine),
    count: ordered.length,
  };
}

function digestLine(account: DigestAccount): string {
  const name = account.alias ? `${account.deliveryName}（${account.alias}）` : account.deliveryName;
  const parts = [`${name} ${account.bizId}：剩余 ${Math.max(0, account.quotaNum)} 单`];
  const { forecast } = account;
  if (forecast?.daysLeft !== undefined && forecast.daysLeft !== null && forecast.runsOutAt) {
    parts.push(`${daysLeftText(forecast.daysLeft)}（${chinaDate(Date.parse(forecast.runsOutAt))}）`);
  }
  if (account.quotaUpdatedAt) parts.push(`读于 ${chinaDateTime(Date.parse(account.quotaUpdatedAt))}`);
  return parts.join('，');
}

/** The short message of the page's 发送测试消息 button: it proves the robot posts, and passes a keyword rule. */
export function testDigest(now: number): Digest {
  return {
    title: `${ROBOT_KEYWORD}提醒测试`,
    intro: `这是一条测试消息：物流${ROBOT_KEYWORD}不足时，提醒会发到这个群。发送于 ${chinaDateTime(now)}。`,
    lines: [],
    count: 0,
  };
}

/** The tail of a digest whose accounts do not all fit the service's limit. */
export function moreLine(more: number): string {
  return `及其他 ${more} 个账号`;
}
