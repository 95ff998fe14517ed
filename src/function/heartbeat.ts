import { logFailure } from '../core/log-failure';
import * as z from 'zod';
import type { Logger } from '../core/logger';
import type { CollectionAccess } from './database';
import { upsert } from './history/upsert';
import { TIMER_EVERY_MINUTES } from '../contract/values';
import type { TimerStatus } from '../contract/answers';

/** The one document each timer run overwrites with what it did, in quota_alerts. */
export const HEARTBEAT_ID = 'timer-heartbeat';

/**
 * The heartbeat document, stored flat: every write sets every field, so a field of an older run never
 * survives a newer one. `npm run doctor` reads it too (src/doctor/checks-heartbeat.ts).
 */
export const heartbeatSchema = z.object({
  at: z.number(),
  ok: z.boolean(),
  durationMs: z.number(),
  accounts: z.number(),
  live: z.number(),
  alertsSent: z.number(),
  robotsSent: z.number(),
  alertNote: z.string(),
  failureCode: z.string(),
  failureMessage: z.string(),
});

type Stored = z.infer<typeof heartbeatSchema>;

export type RunRecord = Omit<TimerStatus, 'lastRunAt' | 'everyMinutes'> & { at: number };

/** Writes a run's record; never throws: a heartbeat not written shows as a late one, which the page says. */
export type HeartbeatWriter = (access: CollectionAccess, record: RunRecord, log: Logger) => Promise<void>;

/**
 * One instance's writer: its first write inserts (one round trip where no run left a record yet), the
 * next ones update what it wrote (one round trip each).
 */
export function createHeartbeatWriter(): HeartbeatWriter {
  let written = false;
  return async (access, record, log) => {
    const stored: Stored = {
      at: record.at,
      ok: record.ok,
      durationMs: record.durationMs,
      accounts: record.accounts,
      live: record.live,
      alertsSent: record.alertsSent,
      robotsSent: record.robotsSent,
      alertNote: record.alertNote,
      failureCode: record.failure?.code ?? '',
      failureMessage: record.failure?.message.slice(0, 300) ?? '',
    };
    try {
      const expect = written ? 'present' : 'absent';
      await upsert(access, { id: HEARTBEAT_ID, update: stored, created: stored, expect }, log);
      written = true;
    } catch (raw) {
      logFailure(log, 'warn', 'timer heartbeat not written: the page may call the trigger late', raw);
    }
  };
}

/**
 * The last run's record: null when no run ever left one, undefined when it could not be read (the page
 * then says nothing rather than a wrong "never ran"). A document a mini-program user wrote is no record.
 */
export async function readHeartbeat(access: CollectionAccess): Promise<TimerStatus | null | undefined> {
  try {
    const found = await access.read(
      (collection) =>
        collection
          .where({ _id: HEARTBEAT_ID, _openid: access.command.exists(false) })
          .limit(1)
          .get(),
      { data: [] },
    );
    const document: unknown = Array.isArray(found.data) ? (found.data as unknown[])[0] : undefined;
    if (document === undefined) return null;
    const parsed = heartbeatSchema.safeParse(document);
    if (!parsed.success) return null;
    const stored = parsed.data;
    return {
      lastRunAt: new Date(stored.at).toISOString(),
      ok: stored.ok,
      durationMs: stored.durationMs,
      accounts: stored.accounts,
      live: stored.live,
      alertsSent: stored.alertsSent,
      robotsSent: stored.robotsSent,
      alertNote: stored.alertNote,
      failure: stored.failureCode ? { code: stored.failureCode, message: stored.failureMessage } : null,
      everyMinutes: TIMER_EVERY_MINUTES,
    };
  } catch {
    return undefined;
  }
}
