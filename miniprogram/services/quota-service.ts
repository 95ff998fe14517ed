import { FUNCTION_NAME, MAX_HISTORY_DAYS } from '../contract/values';
import { callerOpenId } from './caller-openid';
import { CALL_FAILED_TEXT, MALFORMED_RESULT_TEXT, errorText } from './error-text';
import { readHistory } from './history-result';
import type { HistoryResult, SingleQuota } from '../contract/answers';
import { readRobotTest, type RobotTestResult } from './robot-channels';
import { checkEnvelope, readAllAccounts, readSingle, type AllAccountsResult } from './quota-result';

/** wx.cloud.callFunction in its promise form, injectable so the service is tested without WeChat. */
export type CallFunction = (options: { name: string; data: Record<string, unknown> }) => Promise<{ result?: unknown }>;

export interface Failure {
  /** The function's stable code, or CALL_FAILED / MALFORMED_RESULT when it could not be asked or trusted. */
  code: string;
  /** What the merchant reads, in Chinese. */
  message: string;
  /** The caller's own OPENID, when the function refused them for not being an admin. */
  openId?: string;
}

/** The function's checked answer, still raw: the page renders it against its clock, and again as time passes. */
export type Outcome<T> = { ok: true; data: T } | { ok: false; failure: Failure };

async function call<T>(
  callFunction: CallFunction,
  data: Record<string, unknown>,
  read: (value: unknown) => T | undefined,
): Promise<Outcome<T>> {
  let result: unknown;
  try {
    result = (await callFunction({ name: FUNCTION_NAME, data })).result;
  } catch (error) {
    console.error('callFunction getQuota failed', error);
    return { ok: false, failure: { code: 'CALL_FAILED', message: CALL_FAILED_TEXT } };
  }
  const checked = checkEnvelope(result, read);
  if (!checked) {
    console.error('getQuota returned a malformed result', result);
    return { ok: false, failure: { code: 'MALFORMED_RESULT', message: MALFORMED_RESULT_TEXT } };
  }
  if (checked.ok) return checked;
  const failure: Failure = { code: checked.error.code, message: errorText(checked.error) };
  const openId = callerOpenId(checked.error);
  if (openId !== undefined) failure.openId = openId;
  return { ok: false, failure };
}

/** Every bound account's balance. */
export function loadBalances(callFunction: CallFunction): Promise<Outcome<AllAccountsResult>> {
  return call(callFunction, { all: true }, readAllAccounts);
}

/** One account's balance; the bizId is trimmed, as people paste it with spaces. */
export function queryBalance(
  callFunction: CallFunction,
  deliveryId: string,
  bizId: string,
): Promise<Outcome<SingleQuota>> {
  return call(callFunction, { deliveryId, bizId: bizId.trim() }, readSingle);
}

/** The test message every group robot gets when an admin taps 发送测试消息. */
export async function sendRobotTest(callFunction: CallFunction): Promise<Outcome<RobotTestResult>> {
  const outcome = await call(callFunction, { testAlertChannels: true }, readRobotTest);
  if (outcome.ok || outcome.failure.code !== 'RATE_LIMITED') return outcome;
  return { ok: false, failure: { ...outcome.failure, message: ROBOT_TEST_LIMIT_TEXT } };
}

export const ROBOT_TEST_LIMIT_TEXT = '每位管理员一分钟内只能发送一次测试消息，请稍后再试。';

/** How many days of balance history the trend page asks for: the most the function answers. */
export const TREND_DAYS = MAX_HISTORY_DAYS;

/** One account's balance readings and forecast, for its trend. */
export function loadHistory(
  callFunction: CallFunction,
  deliveryId: string,
  bizId: string,
): Promise<Outcome<HistoryResult>> {
  return call(callFunction, { history: { deliveryId, bizId, days: TREND_DAYS } }, readHistory);
}
