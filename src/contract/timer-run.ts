import type { ChannelReport } from './channels';
import type { ErrorCode } from './errors';

/* What a timer run adds to the all-accounts answer: its alerts and the readings it kept. */

/** Why an account is alerted: it first went low, its balance has halved since, or the repeat period passed. */
export type AlertReason = 'first' | 'dropped' | 'repeat';

export interface AlertTarget {
  deliveryId: string;
  bizId: string;
  quotaNum: number;
}

type Touser = { touser: string };

export interface AlertReport {
  enabled: boolean;
  lowThreshold: number;
  /** `held-by-another-run`: an overlapping run is sending, so this one sent nothing. */
  claim: 'claimed' | 'held-by-another-run' | 'not-needed' | 'unavailable';
  alerted: Array<AlertTarget & { reason: AlertReason }>;
  unchanged: AlertTarget[];
  /** Admins owed a message this run: sent + failed + unknown + deferred always add up to it. */
  recipients: number;
  sent: Array<Touser & { accounts: number }>;
  /** Each with the fix (`hint`): what an operator reading the run must do. */
  failed: Array<Touser & { code: ErrorCode; errCode?: number; hint: string }>;
  /** Sends whose outcome is unknown (a timeout, abandoned at the deadline): counted as delivered, never repeated. */
  unknown: Array<Touser & { code: ErrorCode; errCode?: number; hint: string }>;
  /** Messages not started for lack of time: the next run sends them. */
  deferred: Touser[];
  /**
   * The alert memory's two database copies read and written (0–2 each). With none read, the run
   * judged by what this instance remembers; with none written, only this instance remembers the run.
   */
  memory: { read: number; written: number };
  /** Each group robot of QUOTA_ALERT_WEBHOOKS: sent, refused (and why, with the fix), unknown or deferred; invalid entries too. */
  channels: ChannelReport[];
}

/** The live readings a timer run stored, those it could not (and why), and the forecasts it recomputed. */
export interface HistoryKept {
  kept: number;
  notKept: Array<{ deliveryId: string; bizId: string; reason: string }>;
  profiles: number;
}
