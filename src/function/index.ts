import cloud from 'wx-server-sdk';
import { OPENAPI_CALL_TIMEOUT_MS } from '../core/time-limits';
import { systemClock } from '../core/clock';
import type { LogisticsApi } from '../core/wechat/logistics';
import { createJsonLogger } from '../core/logger';
import type { MessagingApi } from '../core/wechat/messaging';
import { httpsRobotPost } from '../core/alerts/robots/robot-post';
import type { Database } from './database';
import { createHandler } from './handler';
import type { CloudOpenApi } from './openapi';
import { platformCaller } from './access/timer-identity';

// The SDK types DYNAMIC_CURRENT_ENV as a symbol and omits `timeout`, though init accepts both.
// `keepalive` stays at the SDK's default for the cloud (off): measured and decided in BENCHMARKS.md.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, timeout: OPENAPI_CALL_TIMEOUT_MS } as unknown as Parameters<
  typeof cloud.init
>[0]);

const openapi = cloud.openapi as CloudOpenApi;

const logistics: LogisticsApi = {
  getQuota: (params) => openapi.logistics.getQuota(params),
  getAllAccount: () => openapi.logistics.getAllAccount(),
  getAllDelivery: () => openapi.logistics.getAllDelivery(),
};

const messaging: MessagingApi = {
  sendSubscribeMessage: (message) => openapi.subscribeMessage.send(message),
};

const log = createJsonLogger((line) => console.log(line));

let database: Database | undefined;
// wx-server-sdk types its database loosely; the alerts and the history need only the calls Database names.
const openDatabase = () => (database ??= cloud.database() as unknown as Database);

export const main = createHandler({
  logistics,
  messaging,
  robotPost: httpsRobotPost,
  // Opened on first use: a single-account query never touches the database, so it does not pay for it.
  openDatabase,
  // getWXContext() reads the environment on every call; it is {} when the cloud leaves WX_CONTEXT_KEYS empty.
  getCaller: () => platformCaller({ context: cloud.getWXContext() as Record<string, unknown>, env: process.env }),
  env: process.env,
  clock: systemClock,
  log,
});
