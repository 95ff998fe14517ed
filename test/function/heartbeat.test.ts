import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HEARTBEAT_ID } from '../../src/function/heartbeat';
import { TIMER_EVERY_MINUTES } from '../../src/contract/values';
import type { AccountsResult } from '../../src/contract/answers';
import { functionHarness } from '../support/function-harness';

const TIMER = { Type: 'Timer', TriggerName: 'quotaCheck', Time: '2026-11-29T01:00:00Z' };

describe('the timer heartbeat', () => {
  it("matches config.json's trigger", () => {
    const config = JSON.parse(readFileSync(path.join(__dirname, '../../config.json'), 'utf8')) as {
      triggers: Array<{ config: string }>;
    };
    const minutes = config.triggers[0]!.config.split(' ')[1]!.split(',').map(Number);
    const gaps = minutes.map((minute, index) => (minutes[index + 1] ?? minutes[0]! + 60) - minute);
    expect(new Set(gaps)).toEqual(new Set([TIMER_EVERY_MINUTES]));
  });

  it('is left by every timer run, and answered to the page', async () => {
    const { invoke, database, clock } = functionHarness({ source: 'wx_trigger', openId: '' });
    await invoke(TIMER);
    expect(database.documents('quota_alerts').map((document) => document._id)).toEqual([HEARTBEAT_ID]);
    const page = functionHarness({ database, clock });
    const answer = (await page.invoke({ all: true })) as { data: AccountsResult };
    expect(answer.data.timer).toMatchObject({
      ok: true,
      accounts: 4,
      live: 3,
      alertsSent: 0,
      failure: null,
      everyMinutes: TIMER_EVERY_MINUTES,
    });
    expect(Date.parse(answer.data.timer!.lastRunAt)).toBeLessThanOrEqual(clock.now());
  });

  it('is null on the page when no run ever left one', async () => {
    const answer = (await functionHarness().invoke({ all: true })) as { data: AccountsResult };
    expect(answer.data.timer).toBeNull();
  });

  it("records a failed run's reason", async () => {
    const harness = functionHarness({ source: 'wx_trigger', openId: '', env: { QUOTA_ALERT_DAYS: 'x' } });
    expect(await harness.invoke(TIMER)).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
    const page = functionHarness({ database: harness.database, clock: harness.clock });
    const answer = (await page.invoke({ all: true })) as { data: AccountsResult };
    expect(answer.data.timer).toMatchObject({
      ok: false,
      failure: { code: 'CONFIG_INVALID', message: expect.stringContaining('QUOTA_ALERT_DAYS') },
    });
  });

  it('ignores a heartbeat a mini-program user planted', async () => {
    const harness = functionHarness();
    harness.database.plant('quota_alerts', [{ _id: HEARTBEAT_ID, at: Date.now(), ok: true }], { openid: 'oUser' });
    const answer = (await harness.invoke({ all: true })) as { data: AccountsResult };
    expect(answer.data.timer).toBeNull();
  });

  it('leaves the page answering without it when the database cannot say', async () => {
    const harness = functionHarness();
    harness.database.faults.add({ code: 'SYS_ERR', message: 'database request fail', collection: 'quota_alerts' });
    const answer = (await harness.invoke({ all: true })) as { ok: boolean; data: AccountsResult };
    expect(answer.ok).toBe(true);
    expect(answer.data).not.toHaveProperty('timer');
  });
});
