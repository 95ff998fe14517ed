import type { DemoBackEnd } from '../src/cli/quota-target';
import sampleState from '../emulator/sample-state.json';
import { startHttpsFace } from '../emulator/https-server';
import { EMULATED_CREDENTIALS, WechatModel } from '../emulator/wechat-model';

/** `npm run quota -- --demo`: the emulator's HTTPS face on loopback, serving the sample state. */
export async function startDemoBackEnd(): Promise<DemoBackEnd> {
  const face = await startHttpsFace(new WechatModel(sampleState));
  return { ...EMULATED_CREDENTIALS, baseUrl: face.baseUrl, close: () => face.close() };
}
