import { QUOTA_FUNCTION_NAME } from '../config';
import { CALL_FAILED_TEXT, MALFORMED_RESULT_TEXT, errorText } from './error-text';
import { checkEnvelope, readAllAccounts, readSingle } from './quota-result';
import { accountsView, singleView, type AccountsView, type SingleView } from './view-model';

/** wx.cloud.callFunction in its promise form, injectable so the service is tested without WeChat. */
export type CallFunction = (options: { name: string; data: Record<string, unknown> }) => Promise<{ result?: unknown }>;

export type Outcome<T> = { ok: true; view: T } | { ok: false; message: string; code: string };

async function call<T, V>(callFunction: CallFunction, data: Record<string, unknown>, read: (value: unknown) => T | undefined, toView: (data: T) => V): Promise<Outcome<V>> {
  let result: unknown;
  try {
    result = (await callFunction({ name: QUOTA_FUNCTION_NAME, data })).result;
  } catch (error) {
    console.error('callFunction getQuota failed', error);
    return { ok: false, message: CALL_FAILED_TEXT, code: 'CALL_FAILED' };
  }
  const checked = checkEnvelope(result, read);
  if (!checked) {
    console.error('getQuota returned a malformed result', result);
    return { ok: false, message: MALFORMED_RESULT_TEXT, code: 'MALFORMED_RESULT' };
  }
  return checked.ok ? { ok: true, view: toView(checked.data) } : { ok: false, message: errorText(checked.error), code: checked.error.code };
}

/** Every bound account's balance, as the page shows it. */
export function loadBalances(callFunction: CallFunction, threshold: number): Promise<Outcome<AccountsView>> {
  return call(callFunction, { all: true }, readAllAccounts, (data) => accountsView(data, threshold));
}

/** One account's balance; the bizId is trimmed, as people paste it with spaces. */
export function queryBalance(callFunction: CallFunction, deliveryId: string, bizId: string, threshold: number): Promise<Outcome<SingleView>> {
  return call(callFunction, { deliveryId, bizId: bizId.trim() }, readSingle, (data) => singleView(data, threshold));
}
