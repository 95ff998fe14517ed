import type { AllAccounts } from '../core/all-accounts';
import type { Envelope } from '../core/envelope';
import { isLowBalance } from '../core/alert-policy';
import type { SingleQuota } from '../core/single-quota';
import { EXIT } from './exit-status';
import { oneLine } from './text-width';

export interface Verdict {
  exit: number;
  /** One line for stderr; present for every non-zero exit. */
  reason?: string;
}

/**
 * The exit status and its one-line reason. A failure wins over a low balance (1 over 3): an account
 * that could not be read may be the lowest of all, so 3 would claim a complete picture it does not
 * have. The reason still names every low balance, so that nothing read is lost to the status.
 */
export function judge(envelope: Envelope<SingleQuota | AllAccounts>, lowThreshold: number | undefined): Verdict {
  if (!envelope.ok) {
    const code =
      envelope.error.errCode === undefined ? envelope.error.code : `${envelope.error.code} (${envelope.error.errCode})`;
    return { exit: EXIT.FAILED, reason: oneLine(`${code}: ${envelope.error.message}`) };
  }
  const accounts =
    'accounts' in envelope.data
      ? envelope.data.accounts
      : [{ ...envelope.data, quotaSource: 'live' as const, error: undefined }];
  const parts: string[] = [];
  const unread = accounts.filter((account) => account.error);
  if (unread.length > 0) {
    const names = unread.map((account) => `${account.deliveryId}/${account.bizId} ${account.error?.code}`).join(', ');
    parts.push(`${unread.length} of ${accounts.length} accounts could not be read live: ${names}`);
  }
  const lowOnes =
    lowThreshold === undefined ? [] : accounts.filter((account) => isLowBalance(account.quotaNum, lowThreshold));
  if (lowOnes.length > 0) {
    const names = lowOnes
      .map(
        (account) =>
          `${account.deliveryId}/${account.bizId} (${account.quotaNum}${account.quotaSource === 'snapshot' ? ', snapshot' : ''})`,
      )
      .join(', ');
    parts.push(`${lowOnes.length} balance${lowOnes.length === 1 ? '' : 's'} under ${lowThreshold}: ${names}`);
  }
  if (parts.length === 0) return { exit: EXIT.OK };
  return { exit: unread.length > 0 ? EXIT.FAILED : EXIT.LOW, reason: oneLine(parts.join('; ')) };
}
