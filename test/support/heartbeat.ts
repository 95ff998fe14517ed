import { HEARTBEAT_ID } from '../../src/function/heartbeat';
import type { CloudDatabase } from '../../emulator/cloud-database';

/** The record a timer run at `at` leaves in quota_alerts, as src/function/heartbeat.ts stores it. */
export function plantHeartbeat(database: CloudDatabase, at: number, failure?: { code: string; message: string }): void {
  database.plant('quota_alerts', [
    {
      _id: HEARTBEAT_ID,
      at,
      ok: failure === undefined,
      durationMs: 900,
      accounts: 4,
      live: 3,
      alertsSent: 0,
      robotsSent: 0,
      alertNote: '',
      failureCode: failure?.code ?? '',
      failureMessage: failure?.message ?? '',
    },
  ]);
}
