import type { CallContext } from '../../core/wechat/openapi-call';
import type { MessagingApi } from '../../core/wechat/messaging';
import type { RobotAddressProblem, RobotChannel } from '../../core/alerts/robots/robot-address';
import type { RobotPost } from '../../core/alerts/robots/robot-post';
import type { RunBudget } from '../../core/run-budget';
import type { Database } from '../database';
import type { Lease } from './lease';
import type { AlertMemory, InstanceAlertMemory } from './memory';
import type { AlertConfig } from './settings';

export interface AlertDeps {
  context: CallContext;
  messaging: MessagingApi;
  /** The cloud database, opened on first use. */
  openDatabase: () => Database;
  config: AlertConfig;
  admins: readonly string[];
  /** The invocation's budget, shared with the balance history: every database call and send fits it. */
  budget: RunBudget;
  /** What this instance remembers of its last alerts, for when the database cannot say. */
  instanceMemory: InstanceAlertMemory;
  /** The group robots of QUOTA_ALERT_WEBHOOKS, and its entries that are not robot addresses. */
  channels: readonly RobotChannel[];
  channelProblems: readonly RobotAddressProblem[];
  robotPost: RobotPost;
}

/** What one run works with: the alert memory and claim over a database held to the run's budget. */
export interface AlertRun extends Omit<AlertDeps, 'openDatabase'> {
  memory: AlertMemory;
  lease: Lease;
}

/** Whether anyone gets this run's alerts: admins by subscribe message (with a template), or a group robot. */
export function hasRecipients(deps: Pick<AlertDeps, 'admins' | 'channels'>): boolean {
  return deps.admins.length > 0 || deps.channels.length > 0;
}
