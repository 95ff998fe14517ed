import path from 'node:path';
import type * as Simulate from 'miniprogram-simulate';
import type { CallFunction } from '../../miniprogram/services/quota-service';
import { functionHarness, type HarnessOptions } from '../support/function-harness';
import { installPageShim } from '../support/page-shim';

export const PAGE_PATH = path.resolve(__dirname, '../../miniprogram/pages/quota/index');
export const TREND_PAGE_PATH = path.resolve(__dirname, '../../miniprogram/pages/trend/index');

/** When the function harness's clock starts (FakeClock's default), so the page's clock can be set near it. */
export const FUNCTION_CLOCK_START = Date.UTC(2026, 10, 29, 1, 0, 0);

/**
 * What the tests use of a node miniprogram-simulate renders; its own types need the mini-program's
 * typings, absent here. A selector that matches nothing fails the test at the next property read.
 */
export interface SimulatedNode {
  dom: HTMLElement;
  querySelector(selector: string): SimulatedNode;
  querySelectorAll(selector: string): SimulatedNode[];
  dispatchEvent(eventName: string, options?: { detail?: unknown }): void;
}

/** The rendered page: its root node, its data and the lifecycle methods the tests call. */
export interface SimulatedPage extends SimulatedNode {
  instance: {
    data: Record<string, unknown>;
    onShow(): void;
    onHide(): void;
    onPullDownRefresh(): Promise<void>;
    onRetry(): Promise<void>;
  };
  attach(parent: Node): void;
}

export interface RenderedPage {
  root: SimulatedPage;
  callFunction: jest.Mock<ReturnType<CallFunction>, Parameters<CallFunction>>;
  stopPullDownRefresh: jest.Mock;
  requestSubscribeMessage: jest.Mock;
  setClipboardData: jest.Mock;
  showToast: jest.Mock;
  navigateTo: jest.Mock;
  /** The page's reads of collections through wx.cloud.database(), by name. */
  readCollection: jest.Mock;
  /** Moves the page's clock to `ms`. */
  setNow(ms: number): void;
  text(selector: string): string;
  all(selector: string): SimulatedNode[];
  /** The account card whose text includes `name` (the list is sorted by urgency, so found by name). */
  account(name: string): SimulatedNode;
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

export interface HeldCall {
  data: Record<string, unknown>;
  /** Answers this call now, as `answer` would have. */
  release(): Promise<void>;
}

/** A wx.cloud.callFunction whose calls wait until the test releases them, in any order. */
export function heldAnswers(answer: CallFunction): { callFunction: CallFunction; calls: HeldCall[] } {
  const calls: HeldCall[] = [];
  const callFunction: CallFunction = (options) =>
    new Promise((resolve, reject) => {
      calls.push({ data: options.data, release: () => answer(options).then(resolve, reject) });
    });
  return { callFunction, calls };
}

/** How the fake wx.requestSubscribeMessage answers: the per-template result, or a failure. */
export type SubscribeAnswer = Record<string, string> | Error;

export interface RenderOptions {
  subscribe?: SubscribeAnswer;
  /** The page's clock at first; 30 s after the function's clock starts unless set. */
  now?: number;
  /** wx.setClipboardData fails when set. */
  clipboardFails?: boolean;
  /** The page to render: the balances page unless set. */
  path?: string;
  /** The query the page is opened with, as WeChat hands it to onLoad. */
  query?: Record<string, string>;
  /**
   * What `wx.cloud.database().collection(name).limit(n).get()` answers this user, by collection: the
   * documents, or an error. A collection not named refuses the read, as 仅管理端可读写 does.
   */
  collections?: Record<string, unknown[] | Error>;
}

/** The client SDK's refusal of a read the collection's permission does not allow. */
export const PERMISSION_DENIED = Object.assign(new Error('collection.get:fail -502003 database permission denied'), {
  errCode: -502003,
});

export async function renderPage(answer: CallFunction, options: RenderOptions = {}): Promise<RenderedPage> {
  const subscribeAnswer = options.subscribe ?? {};
  let now = options.now ?? FUNCTION_CLOCK_START + 30_000;
  jest.resetModules();
  // Loaded again after resetModules, so each page gets a fresh simulator.
  const simulate = jest.requireActual<typeof Simulate>('miniprogram-simulate');
  installPageShim({ now: () => now }, options.query);
  const callFunction = jest.fn(answer);
  const stopPullDownRefresh = jest.fn();
  const wxGlobal = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const readCollection = jest.fn(async (name: string) => {
    const answer = options.collections?.[name] ?? PERMISSION_DENIED;
    if (answer instanceof Error) throw answer;
    return { data: answer };
  });
  const database = () => ({ collection: (name: string) => ({ limit: () => ({ get: () => readCollection(name) }) }) });
  wxGlobal.cloud = { callFunction, database };
  wxGlobal.stopPullDownRefresh = stopPullDownRefresh;
  const requestSubscribeMessage = jest.fn(
    (options: { success?: (result: unknown) => void; fail?: (error: unknown) => void }) =>
      subscribeAnswer instanceof Error
        ? options.fail?.(subscribeAnswer)
        : options.success?.({ ...subscribeAnswer, errMsg: 'requestSubscribeMessage:ok' }),
  );
  wxGlobal.requestSubscribeMessage = requestSubscribeMessage;
  const setClipboardData = jest.fn((call: { success?: () => void; fail?: (error: unknown) => void }) =>
    options.clipboardFails ? call.fail?.({ errMsg: 'setClipboardData:fail' }) : call.success?.(),
  );
  const showToast = jest.fn();
  wxGlobal.setClipboardData = setClipboardData;
  wxGlobal.showToast = showToast;
  const navigateTo = jest.fn();
  wxGlobal.navigateTo = navigateTo;
  const id = simulate.load(options.path ?? PAGE_PATH, { compiler: 'simulate' });
  const root = simulate.render(id) as unknown as SimulatedPage;
  root.attach(document.createElement('parent-wrapper'));
  const settle = async () => {
    for (let turn = 0; turn < 5; turn += 1) await simulate.sleep(0);
  };
  await settle();
  const all = (selector: string) => root.querySelectorAll(selector);
  const text = (selector: string) => (root.querySelector(selector)?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const account = (name: string) => {
    const card = all('.account').find((candidate) => (candidate.dom.textContent ?? '').includes(name));
    if (!card) throw new Error(`No account card shows ${name}`);
    return card;
  };
  const setNow = (ms: number) => {
    now = ms;
  };
  return {
    root,
    callFunction,
    stopPullDownRefresh,
    requestSubscribeMessage,
    setClipboardData,
    showToast,
    navigateTo,
    readCollection,
    setNow,
    text,
    all,
    account,
    settle,
  };
}

/**
 * Silences console.error around each test of the calling suite (the page logs what it refuses to trust);
 * `spy` is there for a test that checks what was logged.
 */
export function quietConsoleErrors(): { readonly spy: jest.SpyInstance } {
  const holder = {} as { spy: jest.SpyInstance };
  beforeEach(() => {
    holder.spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => holder.spy.mockRestore());
  return holder;
}
