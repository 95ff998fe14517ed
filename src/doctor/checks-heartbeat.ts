import * as z from 'zod';
import { ALERT_COLLECTION, TIMER_EVERY_MINUTES } from '../contract/values';
import { HEARTBEAT_ID, heartbeatSchema } from '../function/heartbeat';
import { isForeign } from '../function/own-documents';
import { fail, ok, skip, unchecked, type Check } from './types';
import { describeCallFailure, type DoctorWechat } from './wechat';

/** WeChat's HTTPS API for the cloud database: `{ env, query }` in, each matching document as a JSON string out. */
export const DATABASE_QUERY_PATH = '/tcb/databasequery';
export const HEARTBEAT_QUERY = `db.collection("${ALERT_COLLECTION}").where({_id:"${HEARTBEAT_ID}"}).limit(1).get()`;

const answerSchema = z.object({ data: z.array(z.string()) });

const ID = 'timer';
const COLLECTION_MISSING = -502005;
/** As on the page: a run may be two intervals late before the trigger is called missing. */
const LATE_AFTER_MINUTES = 2 * TIMER_EVERY_MINUTES;
const MINUTE_MS = 60_000;
const UPLOAD_TRIGGER =
  'Upload the trigger: in DevTools right-click cloudfunctions/getQuota → 上传触发器, or run npm run deploy.';
const FIX_FAILURE =
  `Fix what the failure names (that run's log: 云开发控制台 → 云函数 → getQuota → 日志; the page shows it too); ` +
  `the next run, within ${TIMER_EVERY_MINUTES} minutes, shows here.`;

type Heartbeat = z.output<typeof heartbeatSchema>;

/**
 * Check 8: the heartbeat the timer's last run left in the cloud database (src/function/heartbeat.ts),
 * read over tcb/databasequery: a run within twice the trigger's interval shows the trigger uploaded and
 * running, and the record says how that run went. The environment is WX_CLOUD_ENV, as npm run deploy
 * reads it, else miniprogram/config.ts's CLOUD_ENV_ID.
 */
export async function checkHeartbeat(
  wechat: DoctorWechat | undefined,
  envId: string | undefined,
  now: number,
): Promise<Check> {
  if (envId === undefined)
    return skip(
      ID,
      "not checked: no cloud environment id (WX_CLOUD_ENV is not set, and miniprogram/config.ts's CLOUD_ENV_ID is the placeholder)",
      'Set WX_CLOUD_ENV to the environment id (云开发控制台 → 环境 ID), or CLOUD_ENV_ID in miniprogram/config.ts.',
    );
  if (wechat === undefined)
    return unchecked(ID, 'not checked: needs an access token', 'Fix the credentials check first.');
  let documents: string[];
  try {
    const request = { env: envId, query: HEARTBEAT_QUERY };
    const answer = await wechat.call(
      { api: 'tcb/databasequery', method: 'POST', path: DATABASE_QUERY_PATH, body: request },
      answerSchema,
    );
    documents = answer.data;
  } catch (error) {
    const failure = describeCallFailure(error, 'tcb/databasequery');
    if (failure.errCode === COLLECTION_MISSING) return neverRan(envId, `${ALERT_COLLECTION} does not exist`);
    return failure.unreachable ? unchecked(ID, failure.finding, failure.fix) : fail(ID, failure.finding, failure.fix);
  }
  if (documents.length === 0) return neverRan(envId, `${ALERT_COLLECTION} holds no ${HEARTBEAT_ID} document`);
  const heartbeat = readHeartbeat(documents[0]!);
  if (heartbeat === undefined)
    return neverRan(envId, `the ${HEARTBEAT_ID} document in ${ALERT_COLLECTION} is not one the function wrote`);
  const ageMs = Math.max(0, now - heartbeat.at);
  const when = `the timer last ran ${ago(ageMs)}`;
  if (ageMs > LATE_AFTER_MINUTES * MINUTE_MS)
    return fail(
      ID,
      `${when} in environment ${envId}, none in the last ${LATE_AFTER_MINUTES} minutes: the trigger is probably not uploaded, or was deleted`,
      UPLOAD_TRIGGER,
    );
  if (!heartbeat.ok || heartbeat.failureCode !== '') {
    const reason = [heartbeat.failureCode || 'no reason recorded', heartbeat.failureMessage].filter(Boolean);
    return fail(ID, `${when} and failed: ${reason.join(': ')}`, FIX_FAILURE);
  }
  const note = heartbeat.alertNote ? `; alerts ${heartbeat.alertNote}` : '';
  return ok(
    ID,
    `${when}, ok: ${heartbeat.accounts} accounts listed, ${heartbeat.live} read live, ${heartbeat.alertsSent} alerts and ${heartbeat.robotsSent} robot posts sent${note}`,
  );
}

function neverRan(envId: string, why: string): Check {
  return fail(
    ID,
    `the timer never ran in environment ${envId} (${why}): the trigger is probably not uploaded`,
    UPLOAD_TRIGGER,
  );
}

/** The function's record, as it reads it back: a document a mini-program user wrote (with `_openid`) is none. */
function readHeartbeat(text: string): Heartbeat | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null || isForeign(document as Record<string, unknown>))
    return undefined;
  const parsed = heartbeatSchema.safeParse(document);
  return parsed.success ? parsed.data : undefined;
}

/** `4 minutes ago`, `3 hours ago`, `2 days ago`. */
function ago(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  const [count, unit] =
    minutes < 120
      ? [minutes, 'minute']
      : minutes < 2_880
        ? [Math.floor(minutes / 60), 'hour']
        : [Math.floor(minutes / 1_440), 'day'];
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
}
