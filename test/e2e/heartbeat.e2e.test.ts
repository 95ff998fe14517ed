import { callers } from '../../emulator/runtime';
import type { AccountsResult, QuotaEnvelope } from '../../src/contract/answers';
import { ADMIN, emulatorsClosedAfterEach } from './emulator-harness';

const TIMER = { Type: 'Timer', TriggerName: 'quotaCheck', Time: '2026-11-29T01:00:00Z' };
const timerOf = (envelope: unknown) => (envelope as { data: AccountsResult }).data.timer;

describe('the timer heartbeat, the built bundle in the emulator', () => {
  const start = emulatorsClosedAfterEach();

  it('tells the page that no run ever came, then when the last one ran and that it went well', async () => {
    const emulator = await start();
    expect(timerOf(await emulator.invoke({ all: true }, callers.user(ADMIN)))).toBeNull();
    const run = (await emulator.invoke(TIMER, callers.timer())) as QuotaEnvelope;
    expect(run.ok).toBe(true);
    const timer = timerOf(await emulator.invoke({ all: true }, callers.user(ADMIN)));
    expect(timer).toMatchObject({ ok: true, failure: null, everyMinutes: 10 });
    expect(Date.now() - Date.parse(timer!.lastRunAt)).toBeLessThan(60_000);
  });

  it("tells the page a failed run's reason", async () => {
    const emulator = await start({ functionEnv: { QUOTA_ALERT_REPEAT_HOURS: 'often' } });
    expect(await emulator.invoke(TIMER, callers.timer())).toMatchObject({ ok: false });
    expect(timerOf(await emulator.invoke({ all: true }, callers.user(ADMIN)))).toMatchObject({
      ok: false,
      failure: { code: 'CONFIG_INVALID' },
    });
  });
});
