import { TIME_BUDGET_MS } from '../../src/core/time-limits';
import type { AccountsResult, HistoryResult } from '../../src/contract/answers';
import { DAY, HOUR, hourlySeries } from '../support/balance-series';
import { functionHarness } from '../support/function-harness';
import { MapBalanceHistory } from '../../emulator/map-balance-history';

const YTO = { deliveryId: 'YTO', bizId: 'xyz' };
const NO_FORECAST = { dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 0 };

function accountsOf(result: unknown): AccountsResult {
  expect(result).toMatchObject({ ok: true });
  return (result as { data: AccountsResult }).data;
}

/** A harness whose YTO/xyz has `hours` of hourly history, falling 10 waybills an hour to its live 210 now. */
function withHistory(hours: number, env: Record<string, string> = {}) {
  const harness = functionHarness({ env });
  const now = harness.clock.now();
  harness.history.plant(
    YTO,
    hourlySeries(hours, now - HOUR, 220, () => 10),
  );
  return harness;
}

describe('forecast in { all: true }', () => {
  it('gives every account a forecast: from its history when it has a day of it, none otherwise', async () => {
    const { invoke, clock } = withHistory(72);
    const data = accountsOf(await invoke({ all: true }));
    const yto = data.accounts.find((account) => account.bizId === 'xyz')!;
    expect(yto.forecast.dailyUsage).toBeCloseTo(240);
    expect(yto.forecast.daysLeft).toBeCloseTo(210 / 240);
    expect(Date.parse(yto.forecast.runsOutAt!)).toBeCloseTo(clock.now() + (210 / 240) * DAY, -3);
    expect(yto.forecast.basedOnHours).toBe(73);
    for (const other of data.accounts.filter((account) => account.bizId !== 'xyz'))
      expect(other.forecast).toEqual(NO_FORECAST);
    expect(data.alertDays).toBe(3);
  });

  it('gives no forecast from less than a day of history', async () => {
    const { invoke } = withHistory(10);
    const yto = accountsOf(await invoke({ all: true })).accounts.find((account) => account.bizId === 'xyz')!;
    expect(yto.forecast).toEqual({ dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 11 });
  });

  it('records each live balance with its time, and never a snapshot', async () => {
    const { invoke, history, model, clock } = functionHarness();
    model.addFault({ api: 'logistics.getQuota', errcode: 9300502, bizId: 'ZT10086' });
    const data = accountsOf(await invoke({ all: true }));
    expect(data.accounts.find((account) => account.bizId === 'ZT10086')?.quotaSource).toBe('snapshot');
    expect(history.stored.size).toBe(2);
    expect(history.pointsOf({ deliveryId: 'YUNDA', bizId: '韵达义乌网点01' })).toHaveLength(1);
    expect(history.pointsOf(YTO)).toEqual([{ at: clock.now(), quotaNum: 210 }]);
  });

  it('records timer runs too', async () => {
    const { invoke, history } = functionHarness({ source: 'wx_trigger' });
    accountsOf(await invoke({ Type: 'Timer', TriggerName: 'dailyQuotaCheck' }));
    expect(history.pointsOf(YTO)).toHaveLength(1);
  });

  it('answers the balances without forecasts, and says why in the log, when the history fails', async () => {
    const { invoke, history, logs } = withHistory(72);
    history.fail = { errCode: -502001, errMsg: 'database request fail' };
    const data = accountsOf(await invoke({ all: true }));
    expect(data.accounts.map((account) => account.quotaNum)).toEqual([210, 12, 1530, null]);
    expect(data.accounts.map((account) => account.forecast)).toEqual([
      NO_FORECAST,
      NO_FORECAST,
      NO_FORECAST,
      NO_FORECAST,
    ]);
    expect(logs.filter((line) => line.message.startsWith('balance history')).map((line) => line.message)).toEqual([
      'balance history not read: balances answer without stored figures or forecasts',
      'balance history: readings not kept',
      'balance history: maintenance not done; next time',
    ]);
  });

  it('never waits past the time budget for a history that does not answer', async () => {
    const history = new MapBalanceHistory();
    const harness = functionHarness({ history });
    history.snapshot = () => new Promise(() => undefined);
    history.record = () => new Promise(() => undefined);
    const started = harness.clock.now();
    const data = accountsOf(await harness.invoke({ all: true }));
    expect(harness.clock.now() - started).toBeLessThanOrEqual(TIME_BUDGET_MS);
    expect(data.accounts[0]).toMatchObject({ quotaNum: 210, quotaSource: 'live', forecast: NO_FORECAST });
  });
});

describe('QUOTA_ALERT_DAYS', () => {
  it('is answered to the page', async () => {
    const { invoke } = functionHarness({ env: { QUOTA_ALERT_DAYS: '5' } });
    expect(accountsOf(await invoke({ all: true })).alertDays).toBe(5);
  });

  it.each(['-1', '2.5', 'three', '31'])(
    'a wrong value (%s) never breaks the page: the default marks the accounts, and the page is told which variable to fix',
    async (value) => {
      const { invoke } = functionHarness({ env: { QUOTA_ALERT_DAYS: value } });
      const data = accountsOf(await invoke({ all: true }));
      expect(data.alertDays).toBe(3);
      expect(data.alertConfigError).toEqual({
        variable: 'QUOTA_ALERT_DAYS',
        message: expect.stringMatching(/QUOTA_ALERT_DAYS must be a whole number of days from 0 \(off\) to 30/),
      });
    },
  );

  it('fails a timer run before any call, like every alert setting, so the operator sees it', async () => {
    const { invoke, model } = functionHarness({ source: 'wx_trigger', env: { QUOTA_ALERT_DAYS: 'soon' } });
    expect(await invoke({ Type: 'Timer', TriggerName: 'quotaCheck' })).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', message: expect.stringContaining('QUOTA_ALERT_DAYS') },
    });
    expect(model.calls).toHaveLength(0);
  });
});

describe('{ history: { deliveryId, bizId, days } }', () => {
  it('answers the live readings of the last days, oldest first, with the forecast and alertDays', async () => {
    const { invoke, clock } = withHistory(24 * 10);
    const result = await invoke({ history: { ...YTO, days: 2 } });
    expect(result).toMatchObject({ ok: true });
    const data = (result as { data: HistoryResult }).data;
    expect(data).toMatchObject({ ...YTO, days: 2, alertDays: 3 });
    expect(data.points).toHaveLength(48);
    expect(data.points[0]).toEqual({ at: new Date(clock.now() - 48 * HOUR).toISOString(), quotaNum: 220 + 47 * 10 });
    expect(data.points.at(-1)).toEqual({ at: new Date(clock.now() - HOUR).toISOString(), quotaNum: 220 });
    expect(data.forecast.dailyUsage).toBeCloseTo(240);
    expect(data.forecast.basedOnHours).toBe(24 * 10);
  });

  it('answers 30 days when days is left out, and nothing for an account without history', async () => {
    const { invoke } = functionHarness();
    const result = await invoke({ history: { deliveryId: 'ZTO', bizId: 'ZT10086' } });
    expect(result).toEqual({
      ok: true,
      data: { deliveryId: 'ZTO', bizId: 'ZT10086', days: 30, points: [], forecast: NO_FORECAST, alertDays: 3 },
    });
  });

  it.each([
    [{ ...YTO, days: 31 }, /history\.days: must be at most 30/],
    [{ ...YTO, days: 0 }, /history\.days: must be at least 1/],
    [{ ...YTO, days: 1.5 }, /history\.days: must be a whole number of days from 1 to 30/],
    [{ deliveryId: 'YTO' }, /history\.bizId/],
    [{ ...YTO, extra: 1 }, /Unrecognized key.*extra/i],
    ['YTO', /history: must be an object such as/],
  ])('refuses %j as INVALID_INPUT, saying what is wrong', async (history, message) => {
    const { invoke } = functionHarness();
    expect(await invoke({ history })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) },
    });
  });

  it('is refused to callers who may not read balances', async () => {
    const { invoke } = functionHarness({ openId: 'oStranger' });
    expect(await invoke({ history: YTO })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('fails as UPSTREAM_UNAVAILABLE when the history cannot be read', async () => {
    const { invoke, history } = functionHarness();
    history.fail = { errCode: -502001, errMsg: 'database request fail' };
    expect(await invoke({ history: YTO })).toMatchObject({
      ok: false,
      error: { code: 'UPSTREAM_UNAVAILABLE', message: expect.stringMatching(/balance history could not be read/) },
    });
  });
});
