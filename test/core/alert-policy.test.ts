import { decideAlert } from '../../src/core/alerts/alert-policy';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 29, 1);
const DAY = 24 * HOUR;

describe('decideAlert', () => {
  it.each([
    ['a healthy balance', 500, undefined, { alert: false, reason: 'healthy' }],
    [
      'a balance back above the threshold after an alert',
      150,
      { quotaNum: 40, alertedAt: NOW - DAY },
      { alert: false, reason: 'healthy' },
    ],
    ['a balance exactly at the threshold', 100, undefined, { alert: false, reason: 'healthy' }],
    ['the first low balance', 99, undefined, { alert: true, reason: 'first' }],
    ['an unchanged low balance', 40, { quotaNum: 40, alertedAt: NOW - HOUR }, { alert: false, reason: 'unchanged' }],
    ['a small drop', 30, { quotaNum: 40, alertedAt: NOW - HOUR }, { alert: false, reason: 'unchanged' }],
    [
      'a balance halved since the last alert',
      20,
      { quotaNum: 40, alertedAt: NOW - HOUR },
      { alert: true, reason: 'dropped' },
    ],
    ['a balance that reached zero', 0, { quotaNum: 1, alertedAt: NOW - HOUR }, { alert: true, reason: 'dropped' }],
    ['zero again', 0, { quotaNum: 0, alertedAt: NOW - HOUR }, { alert: false, reason: 'unchanged' }],
    [
      'a low balance after the repeat period',
      40,
      { quotaNum: 40, alertedAt: NOW - DAY },
      { alert: true, reason: 'repeat' },
    ],
  ])('%s', (_name, quotaNum, last, expected) => {
    expect(decideAlert(quotaNum, 100, last, NOW, DAY)).toEqual(expected);
  });

  it('never alerts on an unknown balance', () => {
    expect(decideAlert(null, 100, undefined, NOW, DAY)).toEqual({ alert: false, reason: 'unknown' });
  });
});
