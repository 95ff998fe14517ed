import type { Envelope } from '../../src/contract/errors';
import type { Emulator } from '../../emulator/emulator';
import { callers } from '../../emulator/runtime';
import { readHistory } from '../../miniprogram/services/history-result';
import type { AccountsResult, HistoryResult, SingleQuota } from '../../src/contract/answers';
import {
  checkEnvelope,
  readAllAccounts,
  readSingle,
  type AllAccountsResult,
  type Checked,
} from '../../miniprogram/services/quota-result';
import { loadBalances, loadHistory, queryBalance, type CallFunction } from '../../miniprogram/services/quota-service';
import { trendView } from '../../miniprogram/services/trend-view';
import { accountsView, singleView } from '../../miniprogram/services/view-model';
import { ADMIN, startSampleEmulator } from '../e2e/emulator-harness';

// The function's answers (the contract's types) must be what the page's tolerant types accept, at compile time.
const allFits = (envelope: Envelope<AccountsResult>): Checked<AllAccountsResult> => envelope;
const singleFits = (envelope: Envelope<SingleQuota>): Checked<SingleQuota> => envelope;
const historyFits = (envelope: Envelope<HistoryResult>): Checked<HistoryResult> => envelope;

describe('page service against the real function in the emulator', () => {
  let emulator: Emulator;
  const asUser =
    (openId: string): CallFunction =>
    async ({ data }) => ({ result: await emulator.invoke(data, callers.user(openId)) });

  beforeAll(async () => {
    emulator = await startSampleEmulator();
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.model.clearFaults());

  it('reads every account the built function returns', async () => {
    const outcome = await loadBalances(asUser(ADMIN));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const view = accountsView(outcome.data, 100, Date.now());
    // No history yet: smallest balance first, the account under review last.
    expect(
      view.cards.map((card) => [card.courier, card.title, card.balance, card.low, card.statusTag, card.forecast]),
    ).toEqual([
      ['中通快递', '上海仓', '12', true, '', '用量不足一天的数据，暂无预测'],
      ['圆通速递', '杭州仓', '210', false, '', '用量不足一天的数据，暂无预测'],
      ['韵达快递', '韵达义乌网点01', '1530', false, '', '用量不足一天的数据，暂无预测'],
      ['申通快递', '新开户', '—', false, '审核中', ''],
    ]);
    expect(view.alertDays).toBe(3);
    expect(view.couriers.map((courier) => courier.deliveryId)).toEqual(['YTO', 'ZTO', 'YUNDA', 'STO']);
  });

  it('reads the history the built function kept of an account', async () => {
    await loadBalances(asUser(ADMIN));
    const outcome = await loadHistory(asUser(ADMIN), 'YTO', 'xyz');
    expect(outcome).toMatchObject({
      ok: true,
      data: { deliveryId: 'YTO', bizId: 'xyz', days: 30, alertDays: 3, forecast: { daysLeft: null } },
    });
    if (!outcome.ok) return;
    expect(outcome.data.points.map((point) => point.quotaNum)).toContain(210);
    expect(trendView(outcome.data, Date.now(), 0)).toMatchObject({
      balance: '210',
      forecastText: '用量不足一天的数据，暂无预测',
    });
  });

  it('reads a single account the built function returns', async () => {
    const outcome = await queryBalance(asUser(ADMIN), 'YTO', 'xyz');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(singleView(outcome.data, 100, Date.now())).toEqual({ text: 'YTO / xyz：剩余 210 单（刚刚）', low: false });
  });

  it("turns the built function's refusals into the page's sentences", async () => {
    expect(await loadBalances(asUser('oNotAnAdmin-000000000_00-'))).toEqual({
      ok: false,
      failure: {
        code: 'FORBIDDEN',
        message: '你还没有查看面单余额的权限：请管理员把你的 OPENID 加入云函数环境变量 QUOTA_ADMIN_OPENIDS。',
        openId: 'oNotAnAdmin-000000000_00-',
      },
    });
    emulator.model.addFault({ api: 'logistics.getQuota', errcode: 9300525 });
    expect(await queryBalance(asUser(ADMIN), 'YTO', 'xyz')).toMatchObject({
      ok: false,
      failure: { code: 'ACCOUNT_NOT_BOUND' },
    });
  });

  it("keeps every field of the built function's answers, so the page drops nothing the function sends", async () => {
    await loadBalances(asUser(ADMIN));
    const history = (await emulator.invoke(
      { history: { deliveryId: 'YTO', bizId: 'xyz', days: 30 } },
      callers.user(ADMIN),
    )) as Envelope<HistoryResult>;
    // One account refused by its courier, so a per-account error and the courier's reason cross the wire too.
    emulator.model.addFault({
      api: 'logistics.getQuota',
      deliveryId: 'ZTO',
      errcode: 9300501,
      deliveryResultCode: 10001,
      deliveryResultMsg: '客户编码不存在',
    });
    const all = (await emulator.invoke({ all: true }, callers.user(ADMIN))) as Envelope<AccountsResult>;
    const single = (await emulator.invoke(
      { deliveryId: 'YTO', bizId: 'xyz' },
      callers.user(ADMIN),
    )) as Envelope<SingleQuota>;
    const refused = (await emulator.invoke(
      { all: true },
      callers.user('oNotAnAdmin-000000000_00-'),
    )) as Envelope<AccountsResult>;
    expect(all).toMatchObject({
      ok: true,
      data: {
        accounts: expect.arrayContaining([
          expect.objectContaining({ error: expect.objectContaining({ courier: expect.anything() }) }),
        ]),
      },
    });
    expect(history).toMatchObject({ ok: true, data: { points: expect.arrayContaining([expect.anything()]) } });
    expect(refused).toMatchObject({ ok: false, error: { forbidden: { reason: 'not-admin' } } });
    expect(single.ok).toBe(true);
    expect(checkEnvelope(all, readAllAccounts)).toEqual(allFits(all));
    expect(checkEnvelope(single, readSingle)).toEqual(singleFits(single));
    expect(checkEnvelope(history, readHistory)).toEqual(historyFits(history));
    expect(checkEnvelope(refused, readAllAccounts)).toEqual(allFits(refused));
  });
});
