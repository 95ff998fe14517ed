import { LOW_BALANCE_THRESHOLD } from '../../config';
import { subscribeAlerts, type RequestSubscribe } from '../../services/alert-subscription';
import { loadBalances, queryBalance, type CallFunction } from '../../services/quota-service';
import type { AccountsView, SingleView } from '../../services/view-model';

const callFunction: CallFunction = (options) => wx.cloud.callFunction(options);
const requestSubscribe: RequestSubscribe = (options) =>
  new Promise((resolve, reject) => wx.requestSubscribeMessage({ tmplIds: options.tmplIds, success: (result) => resolve(result as unknown as Record<string, string>), fail: reject }));

Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'empty' | 'error',
    errorText: '',
    view: null as AccountsView | null,
    threshold: LOW_BALANCE_THRESHOLD,
    courierNames: [] as string[],
    courierIndex: -1,
    courierPicked: false,
    courierLabel: '请选择',
    bizId: '',
    querying: false,
    single: null as SingleView | null,
    singleError: '',
    subscribeText: '',
  },

  onLoad() {
    return this.load();
  },

  onPullDownRefresh() {
    return this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    if (!this.data.view) this.setData({ state: 'loading' });
    const outcome = await loadBalances(callFunction, LOW_BALANCE_THRESHOLD);
    if (!outcome.ok) {
      this.setData({ state: 'error', errorText: outcome.message });
      return;
    }
    const view = outcome.view;
    const courierNames = view.couriers.map((courier) => `${courier.name}（${courier.deliveryId}）`);
    this.setData({ state: view.cards.length > 0 ? 'ready' : 'empty', errorText: '', view, threshold: view.threshold, courierNames });
    this.pickCourier(Math.min(this.data.courierIndex, courierNames.length - 1));
  },

  pickCourier(index: number) {
    const label = this.data.courierNames[index];
    this.setData({ courierIndex: label === undefined ? -1 : index, courierPicked: label !== undefined, courierLabel: label ?? '请选择' });
  },

  async onSubscribe() {
    const templateId = this.data.view?.alertTemplateId;
    if (!templateId) return;
    const outcome = await subscribeAlerts(requestSubscribe, templateId);
    this.setData({ subscribeText: outcome.text });
  },

  onRetry() {
    return this.load();
  },

  onCourierChange(event: WechatMiniprogram.PickerChange) {
    this.pickCourier(Number(event.detail.value));
    this.setData({ single: null, singleError: '' });
  },

  onBizIdInput(event: WechatMiniprogram.Input) {
    this.setData({ bizId: event.detail.value });
  },

  async onQuery() {
    const courier = this.data.view?.couriers[this.data.courierIndex];
    if (!courier) {
      this.setData({ single: null, singleError: '请先选择快递公司。' });
      return;
    }
    if (this.data.bizId.trim() === '') {
      this.setData({ single: null, singleError: '请填写客户编码。' });
      return;
    }
    this.setData({ querying: true, single: null, singleError: '' });
    const outcome = await queryBalance(callFunction, courier.deliveryId, this.data.bizId, this.data.threshold);
    this.setData(outcome.ok ? { querying: false, single: outcome.view } : { querying: false, singleError: outcome.message });
  },
});
