import type { CallContext } from '../../src/core/wechat/openapi-call';
import { systemClock } from '../../src/core/clock';
import { silentLogger } from '../../src/core/logger';
import sampleState from '../../emulator/sample-state.json';
import { startHttpsFace, type HttpsFace } from '../../emulator/https-server';
import type { ModelStateInput } from '../../emulator/state';
import { EMULATED_CREDENTIALS, STABLE_TOKEN_API, WechatModel } from '../../emulator/wechat-model';
import { createHttpsClient, type HttpsClient } from '../../src/https/client';

export interface HttpsHarness {
  model: WechatModel;
  face: HttpsFace;
  client: HttpsClient;
  /** The client's clock; the server keeps its own (`serverNow`), as two machines do. */
  clientNow: { value: number };
  serverNow: { value: number };
  context(): CallContext;
  tokenRequests(): number;
  close(): Promise<void>;
}

/** A client talking over loopback to the model's HTTPS face, with both clocks under the test's control. */
export async function httpsHarness(
  options: { timeoutMs?: number; appSecret?: string; state?: ModelStateInput } = {},
): Promise<HttpsHarness> {
  const serverNow = { value: Date.UTC(2026, 10, 29, 1, 0, 0) };
  const clientNow = { value: serverNow.value };
  const model = new WechatModel(options.state ?? sampleState, { now: () => serverNow.value });
  const face = await startHttpsFace(model);
  const client = createHttpsClient({
    appId: EMULATED_CREDENTIALS.appId,
    appSecret: options.appSecret ?? EMULATED_CREDENTIALS.appSecret,
    baseUrl: face.baseUrl,
    timeoutMs: options.timeoutMs ?? 2_000,
    now: () => clientNow.value,
  });
  // The HTTP exchanges are real, so time is too, but for `now`; a zero random makes retry delays 0 ms.
  const retryClock = {
    now: () => clientNow.value,
    sleep: (ms: number, signal?: AbortSignal) => systemClock.sleep(ms, signal),
    random: () => 0,
  };
  return {
    model,
    face,
    client,
    clientNow,
    serverNow,
    context: () => ({
      api: client.logistics,
      clock: retryClock,
      deadline: clientNow.value + 60_000,
      log: silentLogger,
    }),
    tokenRequests: () => model.callsTo(STABLE_TOKEN_API).length,
    close: () => face.close(),
  };
}
