/**
 * @jest-environment jsdom
 */
import { UPLOAD_TRIGGER_STEP } from '../../miniprogram/services/timer-status';
import { plantHeartbeat } from '../support/heartbeat';
import { answeredByFunction, renderPage, quietConsoleErrors } from './page-harness';

const MINUTE_MS = 60_000;

/** The page answered by a function whose last timer run was `minutesAgo` before the function's clock. */
function lastRun(minutesAgo: number, failure?: { code: string; message: string }) {
  return answeredByFunction({}, (harness) =>
    plantHeartbeat(harness.database, harness.clock.now() - minutesAgo * MINUTE_MS, failure),
  );
}

describe("the timer's heartbeat on the page", () => {
  quietConsoleErrors();

  it('says when the last check ran, and that it went well', async () => {
    const page = await renderPage(lastRun(7));
    expect(page.text('.timer')).toBe('上次定时检查：7 分钟前，正常');
    expect(page.all('.timer--problem')).toHaveLength(0);
  });

  it('says in red that the trigger is probably not uploaded when no run came for twice its interval', async () => {
    const page = await renderPage(lastRun(45));
    expect(page.text('.timer--problem')).toBe(
      `上次定时检查：45 分钟前，已超过 20 分钟没有运行，定时触发器可能没有上传或已被删除。${UPLOAD_TRIGGER_STEP}`,
    );
  });

  it('says in red when no run ever came', async () => {
    const page = await renderPage(answeredByFunction());
    expect(page.text('.timer--problem')).toBe(`定时检查从未运行：定时触发器可能没有上传。${UPLOAD_TRIGGER_STEP}`);
  });

  it("shows the last run's failure, naming the setting to fix", async () => {
    const page = await renderPage(
      lastRun(3, { code: 'CONFIG_INVALID', message: "The function's environment variable QUOTA_ALERT_DAYS must be…" }),
    );
    expect(page.text('.timer--problem')).toContain('上次定时检查（3 分钟前）失败：');
    expect(page.text('.timer--problem')).toContain('QUOTA_ALERT_DAYS');
  });
});
