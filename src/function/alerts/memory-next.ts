import { accountKey } from '../../core/accounts/account-key';
import type { AlertMemorySnapshot } from './memory';
import type { LiveAccount } from './plan';

/* How one run changes the alert memory: pure, so each transition is tested on its own. */

/** The memory after this run: its alerts remembered, recharged accounts forgotten, the deferred admins owed. */
export function nextMemory(
  previous: AlertMemorySnapshot,
  remembered: readonly LiveAccount[],
  forget: readonly string[],
  owed: readonly string[],
  now: number,
): AlertMemorySnapshot {
  const records = new Map(previous.records);
  for (const account of remembered)
    records.set(accountKey(account), { quotaNum: Math.max(0, account.quotaNum), alertedAt: now });
  for (const key of forget) records.delete(key);
  return {
    records,
    owed: new Set(owed),
    writtenAt: Math.max(now, previous.writtenAt + 1),
    legacyMigrated: previous.legacyMigrated,
  };
}

/** `next` with the undelivered accounts' records as they were before this run. */
export function undo(
  next: AlertMemorySnapshot,
  undelivered: readonly LiveAccount[],
  previous: AlertMemorySnapshot,
): AlertMemorySnapshot {
  const records = new Map(next.records);
  for (const account of undelivered) {
    const key = accountKey(account);
    const before = previous.records.get(key);
    if (before) records.set(key, before);
    else records.delete(key);
  }
  return { ...next, records, writtenAt: next.writtenAt + 1 };
}

/** `next` also owing these channels a digest. */
export function owing(next: AlertMemorySnapshot, channels: readonly string[]): AlertMemorySnapshot {
  return channels.length === 0 ? next : { ...next, owed: new Set([...next.owed, ...channels]) };
}

/** The accounts summarised to any of `admins`, once each. */
export function accountsFor(
  recipients: ReadonlyArray<{ touser: string; accounts: readonly LiveAccount[] }>,
  admins: ReadonlySet<string>,
): LiveAccount[] {
  const accounts = new Map<string, LiveAccount>();
  for (const { touser, accounts: summarised } of recipients) {
    if (admins.has(touser)) for (const account of summarised) accounts.set(accountKey(account), account);
  }
  return [...accounts.values()];
}
