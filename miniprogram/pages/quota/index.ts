import { DEFAULT_LOW_THRESHOLD } from '../../contract/values';
import { subscribeAlerts, type RequestSubscribe } from '../../services/alert-subscription';
import {
  EXPOSURE_READ_LIMIT,
  exposedCollections,
  exposureText,
  type ReadAsUser,
} from '../../services/collection-exposure';
import type { AllAccountsResult } from '../../services/quota-result';
import type { SingleQuota } from '../../contract/answers';
import { loadBalances, queryBalance, sendRobotTest, type CallFunction } from '../../services/quota-service';
import { outcomeText } from '../../services/robot-channels';
import { joinOrStart } from '../../services/single-flight';
import { accountsView, singleView, type AccountsView, type SingleView } from '../../services/view-model';

const callFunction: CallFunction = (options) => wx.cloud.callFunction(options);
const requestSubscribe: RequestSubscribe = (options) =>
  new Promise((resolve, reject) =>
    wx.requestSubscribeMessage({
      tmplIds: options.tmplIds,
      success: (result) => resolve(result as unknown as Record<string, string>),
      fail: reject,
    }),
  );

const readAsUser: ReadAsUser = (collection) =>
  wx.cloud.database().collection(collection).limit(EXPOSURE_READ_LIMIT).get();

/** Relative times (刚刚, N 分钟前) are rendered again this often while the page is on screen. */
const TIME_REFRESH_MS = 60_000;

type PageState = 'loading' | 'ready' | 'empty' | 'error';

Page({
  data: {
    state: 'loading' as PageState,
    /** A load of the list is running: the first one, a retry or a pull-down. */
    loading: false,
    errorText: '',
    /** The caller's OPENID, when the function refused them for not being an admin. */
    openId: '',
    /** Why the last refresh failed while the last good list stays on screen. */
    refreshError: '',
    view: null as AccountsView | null,
    lowThreshold: DEFAULT_LOW_THRESHOLD,
    courierNames: [] as string[],
    courierIndex: -1,
    courierPicked: false,
    courierLabel: '请选择',
    bizId: '',
    querying: false,
    single: null as SingleView | null,
    singleError: '',
    subscribeText: '',
    /** A test message to the group robots is on its way; then what became of it, one line per robot. */
    robotTesting: false,
    robotTestLines: [] as string[],
    /** Set when this user can read the function's collections from the mini-program: they should be server-only. */
    exposureText: '',
  },

  /** The last good list and single result, kept raw so their times can be rendered again. */
  result: null as AllAccountsResult | null,
  singleResult: null as SingleQuota | null,
  /** Bumped whenever the form changes, so a query's late answer cannot land on another account. */
  queryTicket: 0,
  ticker: 0,
  exposureChecked: false,

  /** The phone's clock: a method so the page harness can give the page a fixed time. */
  now(): number {
    return Date.now();
  },

  // Annotated: a return type inferred from `this` would leave every method on `this` typed `any`.
  onLoad(): Promise<void> {
    return this.load();
  },

  onShow() {
    this.renderTimes();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => this.renderTimes(), TIME_REFRESH_MS);
  },

  onHide() {
    clearInterval(this.ticker);
  },

  onUnload() {
    clearInterval(this.ticker);
  },

  onPullDownRefresh(): Promise<void> {
    return this.load().then(() => void wx.stopPullDownRefresh());
  },

  onRetry(): Promise<void> {
    return this.load();
  },

  load(): Promise<void> {
    return joinOrStart(this, () => this.fetchBalances());
  },

  async fetchBalances() {
    this.setData({ loading: true });
    const outcome = await loadBalances(callFunction);
    if (outcome.ok) {
      this.result = outcome.data;
      this.setData({
        loading: false,
        state: outcome.data.accounts.length > 0 ? 'ready' : 'empty',
        errorText: '',
        openId: '',
        refreshError: '',
      });
      this.renderList();
      void this.checkExposure();
    } else if (this.result) {
      // A good list read earlier is still worth more than an error: keep it, marked as not refreshed.
      this.setData({ loading: false, refreshError: outcome.failure.message, openId: outcome.failure.openId ?? '' });
      this.renderTimes();
    } else {
      this.setData({
        loading: false,
        state: 'error',
        errorText: outcome.failure.message,
        openId: outcome.failure.openId ?? '',
      });
    }
  },

  /** Once per page, after a good answer (so only admins ask): whether the collections are open to everyone. */
  async checkExposure() {
    if (this.exposureChecked) return;
    this.exposureChecked = true;
    const names = await exposedCollections(readAsUser);
    if (names.length > 0) this.setData({ exposureText: exposureText(names) });
  },

  renderList() {
    if (!this.result) return;
    const pickedId = this.data.view?.couriers[this.data.courierIndex]?.deliveryId;
    const view = accountsView(this.result, DEFAULT_LOW_THRESHOLD, this.now());
    const courierNames = view.couriers.map((courier) => `${courier.name}（${courier.deliveryId}）`);
    this.setData({ view, lowThreshold: view.lowThreshold, courierNames });
    // The picker follows the courier, not its position, as the new list may be ordered differently.
    const index = view.couriers.findIndex((courier) => courier.deliveryId === pickedId);
    if (pickedId !== undefined && index < 0) this.clearSingle();
    this.pickCourier(index);
  },

  renderTimes() {
    this.renderList();
    if (this.singleResult) this.setData({ single: singleView(this.singleResult, this.data.lowThreshold, this.now()) });
  },

  pickCourier(index: number) {
    const label = this.data.courierNames[index];
    this.setData({
      courierIndex: label === undefined ? -1 : index,
      courierPicked: label !== undefined,
      courierLabel: label ?? '请选择',
    });
  },

  clearSingle() {
    this.queryTicket += 1;
    this.singleResult = null;
    this.setData({ querying: false, single: null, singleError: '' });
  },

  async onSubscribe() {
    const templateId = this.data.view?.alertTemplateId;
    if (!templateId) return;
    const outcome = await subscribeAlerts(requestSubscribe, templateId);
    this.setData({ subscribeText: outcome.text });
  },

  async onRobotTest() {
    if (this.data.robotTesting) return;
    this.setData({ robotTesting: true, robotTestLines: [] });
    const outcome = await sendRobotTest(callFunction);
    const lines = outcome.ok ? outcome.data.channels.map(outcomeText) : [outcome.failure.message];
    this.setData({ robotTesting: false, robotTestLines: lines.length > 0 ? lines : ['没有配置群机器人。'] });
  },

  onCopyOpenId() {
    wx.setClipboardData({
      data: this.data.openId,
      success: () => wx.showToast({ title: '已复制 OPENID', icon: 'success' }),
      fail: () => wx.showToast({ title: '复制失败：请长按 OPENID 手动复制', icon: 'none' }),
    });
  },

  /** Opens the tapped account's balance trend; accounts that are not bound have none. */
  onOpenTrend(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { url?: string }>) {
    const url = event.currentTarget.dataset.url;
    if (url) void wx.navigateTo({ url });
  },

  onCourierChange(event: WechatMiniprogram.PickerChange) {
    const index = Number(event.detail.value);
    if (index === this.data.courierIndex) return;
    this.pickCourier(index);
    this.clearSingle();
  },

  onBizIdInput(event: WechatMiniprogram.Input) {
    if (event.detail.value === this.data.bizId) return;
    this.setData({ bizId: event.detail.value });
    this.clearSingle();
  },

  async onQuery() {
    const courier = this.data.view?.couriers[this.data.courierIndex];
    this.clearSingle();
    if (!courier) {
      this.setData({ singleError: '请先选择快递公司。' });
      return;
    }
    if (this.data.bizId.trim() === '') {
      this.setData({ singleError: '请填写客户编码。' });
      return;
    }
    const ticket = this.queryTicket;
    this.setData({ querying: true });
    const outcome = await queryBalance(callFunction, courier.deliveryId, this.data.bizId);
    if (ticket !== this.queryTicket) return;
    if (outcome.ok) this.singleResult = outcome.data;
    this.setData(
      outcome.ok
        ? { querying: false, single: singleView(outcome.data, this.data.lowThreshold, this.now()) }
        : { querying: false, singleError: outcome.failure.message },
    );
  },
});
