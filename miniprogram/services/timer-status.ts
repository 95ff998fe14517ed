/**
 * The timer trigger's heartbeat as the page shows it: when the last run was, whether it went well, and,
 * when no run came for too long, that the trigger is probably not uploaded and how to upload it.
 */
import type { TimerStatus } from '../contract/answers';
import { errorText } from './error-text';
import { formatTime } from './format-time';
import { isAmount, isInteger, isRecord, isString, isTime, type Reader } from './wire-checks';

/** What the page reads of the last timer run (the contract's TimerStatus). */
export type TimerStatusResult = Pick<TimerStatus, 'lastRunAt' | 'ok' | 'alertNote' | 'failure' | 'everyMinutes'>;

/** The heartbeat line, red when something is wrong. */
export interface TimerLine {
  text: string;
  problem: boolean;
}

const MINUTE_MS = 60_000;
/** A run may be this many intervals late before the page calls the trigger missing. */
const LATE_AFTER_INTERVALS = 2;

export const UPLOAD_TRIGGER_STEP =
  '在微信开发者工具中右键 cloudfunctions/getQuota，选择「上传触发器」（或运行 npm run deploy）。';

export const readTimerStatus: Reader<TimerStatusResult | null> = (value) => {
  if (value === null) return null;
  if (!isRecord(value) || !isTime(value.lastRunAt) || typeof value.ok !== 'boolean') return undefined;
  if (!isString(value.alertNote) || !isInteger(value.everyMinutes) || !isAmount(value.everyMinutes)) return undefined;
  const { failure } = value;
  if (failure !== null && (!isRecord(failure) || !isString(failure.code) || !isString(failure.message)))
    return undefined;
  return {
    lastRunAt: value.lastRunAt,
    ok: value.ok,
    alertNote: value.alertNote,
    failure: failure === null ? null : { code: failure.code as string, message: failure.message as string },
    everyMinutes: value.everyMinutes,
  };
};

/** A broken setting names its variable, which only the function's own words do. */
function failureText(failure: { code: string; message: string }): string {
  const text = errorText(failure);
  return failure.code === 'CONFIG_INVALID' ? `${text}（${failure.message}）` : text;
}

/** The line for the last run; null when no run ever left a record. */
export function timerLine(status: TimerStatusResult | null, now: number, everyMinutes: number): TimerLine {
  if (status === null)
    return { text: `定时检查从未运行：定时触发器可能没有上传。${UPLOAD_TRIGGER_STEP}`, problem: true };
  const age = now - Date.parse(status.lastRunAt);
  const when = formatTime(status.lastRunAt, now);
  if (age > LATE_AFTER_INTERVALS * everyMinutes * MINUTE_MS)
    return {
      text: `上次定时检查：${when}，已超过 ${LATE_AFTER_INTERVALS * everyMinutes} 分钟没有运行，定时触发器可能没有上传或已被删除。${UPLOAD_TRIGGER_STEP}`,
      problem: true,
    };
  if (!status.ok || status.failure)
    return {
      text: `上次定时检查（${when}）失败：${status.failure ? failureText(status.failure) : '原因未知。'}`,
      problem: true,
    };
  const note = status.alertNote === 'deferred' ? '，提醒因数据库响应慢推迟到下次发送' : '';
  return { text: `上次定时检查：${when}，正常${note}`, problem: false };
}
