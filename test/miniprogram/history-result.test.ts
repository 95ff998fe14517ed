import { readForecast } from '../../miniprogram/services/forecast-result';
import { readHistory } from '../../miniprogram/services/history-result';
import { checkEnvelope } from '../../miniprogram/services/quota-result';

const forecast = { dailyUsage: 35.5, daysLeft: 2.4, runsOutAt: '2026-12-01T10:36:00.000Z', basedOnHours: 240 };
const history = {
  deliveryId: 'YTO',
  bizId: 'xyz',
  days: 30,
  points: [
    { at: '2026-11-28T01:00:00.000Z', quotaNum: 120 },
    { at: '2026-11-29T01:00:00.000Z', quotaNum: 85 },
  ],
  forecast,
  alertDays: 3,
};

describe('the forecast guard', () => {
  it.each([
    ['a forecast', forecast],
    ['too little history', { dailyUsage: null, daysLeft: null, runsOutAt: null, basedOnHours: 5.5 }],
    ['no usage', { dailyUsage: 0, daysLeft: null, runsOutAt: null, basedOnHours: 100 }],
    ['an empty account', { dailyUsage: 10, daysLeft: 0, runsOutAt: '2026-11-29T01:00:00.000Z', basedOnHours: 100 }],
  ])('accepts %s', (_name, value) => {
    expect(readForecast(value)).toEqual(value);
  });

  it.each([
    ['a missing forecast', undefined],
    ['days left as text', { ...forecast, daysLeft: '2' }],
    ['negative days left', { ...forecast, daysLeft: -1 }],
    ['infinite usage', { ...forecast, dailyUsage: Number.POSITIVE_INFINITY }],
    ['an unreadable run-out', { ...forecast, runsOutAt: 'soon' }],
    ['a run-out without days left', { ...forecast, daysLeft: null }],
    ['days left without a run-out', { ...forecast, runsOutAt: null }],
    ['no basedOnHours', { ...forecast, basedOnHours: undefined }],
  ])('rejects %s', (_name, value) => {
    expect(readForecast(value)).toBeUndefined();
  });
});

describe('the history answer guard', () => {
  it('accepts the answer and keeps only known fields', () => {
    expect(
      checkEnvelope(
        {
          ok: true,
          data: { ...history, extra: 1, points: history.points.map((point) => ({ ...point, source: 'live' })) },
        },
        readHistory,
      ),
    ).toEqual({ ok: true, data: history });
  });

  it('accepts an account with no readings yet', () => {
    expect(readHistory({ ...history, points: [] })).toMatchObject({ points: [] });
  });

  it.each([
    ['points missing', { ...history, points: undefined }],
    ['a reading without a time', { ...history, points: [{ quotaNum: 1 }] }],
    ['a reading at an unreadable time', { ...history, points: [{ at: 'yesterday', quotaNum: 1 }] }],
    ['a balance as text', { ...history, points: [{ at: '2026-11-28T01:00:00.000Z', quotaNum: '1' }] }],
    ['a malformed forecast', { ...history, forecast: { ...forecast, basedOnHours: null } }],
    ['no alertDays', { ...history, alertDays: undefined }],
    ['days as text', { ...history, days: '30' }],
  ])('rejects %s', (_name, value) => {
    expect(readHistory(value)).toBeUndefined();
  });
});
