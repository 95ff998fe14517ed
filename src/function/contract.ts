import type { AllAccounts } from '../core/all-accounts';
import type { Envelope } from '../core/envelope';
import type { RobotKind } from '../core/robots/robot-address';
import type { SingleQuota } from '../core/single-quota';
import type { ForecastedAccount } from './account-forecasts';
import type { AlertVariable } from './alerts/settings';
import type { AlertReport } from './alerts/report';
import type { TimerStatus } from './heartbeat';
import type { HistoryResult } from './history-request';
import type { RobotTestResult } from './alerts/robot-test';

/* The function's answers on the wire: what the page, the CLI and the tests read. */

/** The all-accounts answer, with what the page needs to show the alert settings in use. */
export interface AccountsResult extends Omit<AllAccounts, 'accounts'> {
  accounts: ForecastedAccount[];
  lowThreshold: number;
  /** QUOTA_ALERT_DAYS: an account whose forecast runs out in fewer days than this is low. */
  alertDays: number;
  /** The subscribe-message template the alerts use, for the page's subscribe button; null when alerts are off. */
  alertTemplateId: string | null;
  /** The group robots of QUOTA_ALERT_WEBHOOKS, masked, and its entries that are not robot addresses. */
  alertChannels: {
    configured: Array<{ kind: RobotKind; address: string }>;
    invalid: Array<{ entry: number; message: string }>;
  };
  /** Present for a timer run: what was alerted, sent, failed, unknown and deferred. */
  alerts?: AlertReport;
  /** Present for a timer run: the live readings stored, those that were not (and why), the forecasts recomputed. */
  history?: { kept: number; notKept: Array<{ deliveryId: string; bizId: string; reason: string }>; profiles: number };
  /**
   * A page's answer: what the last timer run did (null when none ever ran); absent when it could not be
   * read in time. The page warns when it is older than twice the trigger's interval.
   */
  timer?: TimerStatus | null;
  /** Present when an alert-only setting is wrong: the balances still answer, and the page tells the admin. */
  alertConfigError?: { variable: AlertVariable; message: string };
}

export type QuotaResult = SingleQuota | AccountsResult | HistoryResult | RobotTestResult;
export type QuotaEnvelope = Envelope<QuotaResult>;
/** What a balance request (one account or all), never a history request, answers with. */
export type BalancesData = SingleQuota | AccountsResult;
export type BalancesEnvelope = Envelope<BalancesData>;
