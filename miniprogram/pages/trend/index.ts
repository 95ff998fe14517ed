import type { HistoryResult } from '../../contract/answers';
import { loadHistory, type CallFunction } from '../../services/quota-service';
import { joinOrStart } from '../../services/single-flight';
import { trendAccount } from '../../services/trend-link';
import { trendView, type TrendAccount, type TrendView } from '../../services/trend-view';

const callFunction: CallFunction = (options) => wx.cloud.callFunction(options);

/** What the page says when it was opened without an account (an old link, a typed path). */
const NO_ACCOUNT_TEXT = '不知道要看哪个账号的走势：请回到余额列表，点一个账号再看。';

type PageState = 'loading' | 'ready' | 'empty' | 'error';

Page({
  data: {
    state: 'loading' as PageState,
    loading: false,
    errorText: '',
    account: null as TrendAccount | null,
    view: null as TrendView | null,
  },

  /** The last good answer, kept raw so it is drawn again against the clock when the page is shown. */
  result: null as HistoryResult | null,

  /** The phone's clock: a method so the page harness can give the page a fixed time. */
  now(): number {
    return Date.now();
  },

  // Annotated: a return type inferred from `this` would leave every method on `this` typed `any`.
  onLoad(query: Record<string, string | undefined>): Promise<void> {
    const account = trendAccount(query);
    if (!account) {
      this.setData({ state: 'error', errorText: NO_ACCOUNT_TEXT });
      return Promise.resolve();
    }
    this.setData({ account });
    return this.load();
  },

  onShow() {
    this.render();
  },

  onPullDownRefresh(): Promise<void> {
    return this.load().then(() => void wx.stopPullDownRefresh());
  },

  onRetry(): Promise<void> {
    return this.load();
  },

  load(): Promise<void> {
    return joinOrStart(this, () => this.fetchTrend());
  },

  async fetchTrend() {
    const account = this.data.account;
    if (!account) return;
    this.setData({ loading: true });
    const outcome = await loadHistory(callFunction, account.deliveryId, account.bizId);
    if (!outcome.ok) {
      // A trend read earlier stays; only the first load's failure fills the page.
      this.setData(
        this.data.view ? { loading: false } : { loading: false, state: 'error', errorText: outcome.failure.message },
      );
      if (this.data.view) void wx.showToast({ title: '刷新失败，显示的是之前的数据', icon: 'none' });
      return;
    }
    this.result = outcome.data;
    this.setData({ loading: false, errorText: '' });
    this.render();
  },

  /** Draws the last answer at the phone's time, in its time zone. */
  render() {
    if (!this.result) return;
    const now = this.now();
    const view = trendView(this.result, now, -new Date(now).getTimezoneOffset());
    this.setData({ state: view ? 'ready' : 'empty', view });
  },
});
