import type { AccountQuota, AllAccounts, UnsupportedReason } from '../core/all-accounts';
import { isLowBalance } from '../core/alert-policy';
import { byUrgency, type Orderable } from '../core/urgency';
import type { SingleQuota } from '../core/single-quota';
import { displayWidth, oneLine, padEnd, padStart } from './text-width';

type Align = 'left' | 'right';

/** A plain-text table; widths follow what a terminal shows, so Chinese names line up. */
export function renderTable(header: string[], rows: string[][], align: Align[]): string {
  const widths = header.map((title, column) =>
    Math.max(...[title, ...rows.map((row) => oneLine(row[column] ?? ''))].map(displayWidth)),
  );
  const line = (cells: string[]) =>
    cells
      .map(oneLine)
      .map((cell, column) =>
        align[column] === 'right' ? padStart(cell, widths[column]!) : padEnd(cell, widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function daysLeftOf(account: Orderable): string {
  const daysLeft = account.forecast?.daysLeft;
  return daysLeft === null || daysLeft === undefined
    ? '-'
    : `~${daysLeft < 10 ? daysLeft.toFixed(1) : Math.round(daysLeft)}`;
}

function balanceOf(account: AccountQuota): string {
  if (account.quotaNum === null) return '-';
  return account.quotaSource === 'snapshot' ? `${account.quotaNum} (snapshot)` : String(account.quotaNum);
}

export interface RenderOptions {
  /** Balances strictly under this are marked LOW. */
  lowThreshold?: number;
}

function lowMark(quotaNum: number | null, options: RenderOptions): string {
  return options.lowThreshold !== undefined && isLowBalance(quotaNum, options.lowThreshold)
    ? `LOW: under ${options.lowThreshold}`
    : '';
}

function noteOf(account: AccountQuota, options: RenderOptions): string {
  const reason = account.error
    ? `${account.error.code}: ${account.error.message}`
    : account.status === 'bound'
      ? ''
      : `not queried: account is ${account.status}`;
  return [lowMark(account.quotaNum, options), reason].filter(Boolean).join('; ');
}

export function renderAllAccounts(data: AllAccounts, options: RenderOptions = {}): string {
  if (data.accounts.length === 0 && data.unsupported.length === 0) {
    return 'No bound courier accounts. Bind one in the mini-program admin console (物流助手).';
  }
  // The page's order: the most urgent first, by the function's own rule when it answered one (with
  // --low over HTTPS, the low accounts, emptiest first).
  const answered = data as Partial<{ lowThreshold: number; alertDays: number }>;
  const rule = { lowThreshold: options.lowThreshold ?? answered.lowThreshold ?? 0, alertDays: answered.alertDays ?? 0 };
  const ordered = byUrgency(data.accounts as ReadonlyArray<AccountQuota & Orderable>, rule);
  // The function answers a forecast per account; WeChat's own answer (HTTPS) has none.
  const forecasts = ordered.some((account) => account.forecast !== undefined);
  const rows = ordered.map((account) => [
    account.deliveryName || account.deliveryId,
    account.deliveryId,
    account.bizId,
    account.alias,
    balanceOf(account),
    ...(forecasts ? [daysLeftOf(account)] : []),
    noteOf(account, { ...options, lowThreshold: rule.lowThreshold || options.lowThreshold }),
  ]);
  const header = ['Courier', 'deliveryId', 'bizId', 'Alias', 'Balance', ...(forecasts ? ['Days left'] : []), 'Note'];
  const align: Align[] = ['left', 'left', 'left', 'left', 'right', ...(forecasts ? (['right'] as const) : []), 'left'];
  const parts = [renderTable(header, rows, align)];
  const namesOf = (reason: UnsupportedReason) =>
    data.unsupported
      .filter((account) => account.reason === reason)
      .map((account) => `${account.deliveryName || account.deliveryId} ${account.bizId}`)
      .join(', ');
  if (namesOf('no-quota')) parts.push(`No waybill quota to query (courier bills per parcel): ${namesOf('no-quota')}`);
  if (namesOf('courier-unlisted'))
    parts.push(`Not queried: getAllDelivery does not list the courier of ${namesOf('courier-unlisted')}`);
  parts.push(`Fetched at ${data.fetchedAt}`);
  return parts.join('\n\n');
}

export function renderSingle(data: SingleQuota, options: RenderOptions = {}): string {
  const low = lowMark(data.quotaNum, options);
  return `${data.deliveryId} / ${data.bizId}: ${data.quotaNum} waybills left${low ? ` [${low}]` : ''} (fetched at ${data.fetchedAt})`;
}

/** Human-readable text for a query's answer: the table of every account, or the single balance. */
export function renderBalances(data: SingleQuota | AllAccounts, options: RenderOptions = {}): string {
  return 'accounts' in data ? renderAllAccounts(data, options) : renderSingle(data, options);
}
