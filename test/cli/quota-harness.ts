import { runQuotaCommand, type QuotaCommandIO } from '../../src/cli/quota-command';
import sampleState from '../../emulator/sample-state.json';
import { startHttpsFace, type HttpsFace } from '../../emulator/https-server';
import type { ModelStateInput } from '../../emulator/state';
import { EMULATED_CREDENTIALS, WechatModel } from '../../emulator/wechat-model';
import { startDemoBackEnd } from '../../scripts/quota-demo';

export interface QuotaRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The last line of stderr: the one-line reason of a non-zero exit. */
  reason: string;
}

/** Runs the command in-process as scripts/quota.ts wires it (with --demo available). */
export async function quota(
  argv: string[],
  env: Record<string, string | undefined> = {},
  io: Partial<QuotaCommandIO> = {},
): Promise<QuotaRun> {
  let stdout = '';
  let stderr = '';
  const code = await runQuotaCommand({
    argv,
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    startDemo: startDemoBackEnd,
    ...io,
  });
  return { code, stdout, stderr, reason: stderr.trim().split('\n').at(-1) ?? '' };
}

export interface SampleBackEnd {
  model: WechatModel;
  face: HttpsFace;
  /** The environment that points the command at this back end. */
  env(overrides?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

/** The emulator's HTTPS face with the sample state, on loopback. */
export async function sampleBackEnd(state: ModelStateInput = sampleState): Promise<SampleBackEnd> {
  const model = new WechatModel(state);
  const face = await startHttpsFace(model);
  return {
    model,
    face,
    env: (overrides = {}) => ({
      WX_APPID: EMULATED_CREDENTIALS.appId,
      WX_APPSECRET: EMULATED_CREDENTIALS.appSecret,
      WX_API_BASE_URL: face.baseUrl,
      ...overrides,
    }),
    close: () => face.close(),
  };
}
