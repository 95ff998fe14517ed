import path from 'node:path';
import type { CallFunction } from '../../miniprogram/services/quota-service';
import { functionHarness, type HarnessOptions } from '../support/function-harness';
import { installPageShim } from '../support/page-shim';

export const PAGE_PATH = path.resolve(__dirname, '../../miniprogram/pages/quota/index');

export interface RenderedPage {
  root: any;
  callFunction: jest.Mock<ReturnType<CallFunction>, Parameters<CallFunction>>;
  stopPullDownRefresh: jest.Mock;
  requestSubscribeMessage: jest.Mock;
  text(selector: string): string;
  all(selector: string): any[];
  /** Lets pending calls and setData settle. */
  settle(): Promise<void>;
}

/** Renders the real page (WXML, WXSS, page code) with a fake wx.cloud.callFunction. */
type Harness = ReturnType<typeof functionHarness>;

/** wx.cloud.callFunction answered by the real handler over the sample state, set up by `options` and `prepare`. */
export function answeredByFunction(options: HarnessOptions = {}, prepare?: (harness: Harness) => void): CallFunction {
  return async ({ data }) => {
    const harness = functionHarness(options);
    prepare?.(harness);
    return { result: await harness.invoke(data) };
  };
}

/** How the fake wx.requestSubscribeMessage answers: the per-template result, or a failure. */
export type SubscribeAnswer = Record<string, string> | Error;

export async function renderPage(answer: CallFunction, subscribeAnswer: SubscribeAnswer = {}): Promise<RenderedPage> {
  jest.resetModules();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as typeof import('miniprogram-simulate');
  installPageShim();
  const callFunction = jest.fn(answer);
  const stopPullDownRefresh = jest.fn();
  const wxGlobal = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxGlobal.cloud = { callFunction };
  wxGlobal.stopPullDownRefresh = stopPullDownRefresh;
  const requestSubscribeMessage = jest.fn((options: { success?: (result: unknown) => void; fail?: (error: unknown) => void }) =>
    subscribeAnswer instanceof Error ? options.fail?.(subscribeAnswer) : options.success?.({ ...subscribeAnswer, errMsg: 'requestSubscribeMessage:ok' }),
  );
  wxGlobal.requestSubscribeMessage = requestSubscribeMessage;
  const id = simulate.load(PAGE_PATH, { compiler: 'simulate' });
  const root = simulate.render(id);
  root.attach(document.createElement('parent-wrapper'));
  const settle = async () => {
    for (let turn = 0; turn < 5; turn += 1) await simulate.sleep(0);
  };
  await settle();
  const all = (selector: string) => root.querySelectorAll(selector) as any[];
  const text = (selector: string) => (root.querySelector(selector)?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return { root, callFunction, stopPullDownRefresh, requestSubscribeMessage, text, all, settle };
}
