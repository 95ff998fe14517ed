import { FunctionInstance, callers } from '../../emulator/runtime';
import { NUMERIC_OPENID, timerEvent } from '../../emulator/invocation-context';
import { EMULATED_CREDENTIALS } from '../../emulator/wechat-model';
import { emulatorNode } from '../support/built-function';
import { fakeFunctions, requireFromRepo } from '../support/fake-function';

/** What the real SDKs see inside an instance: their own runtime checks and getWXContext(). */
const SDK_VIEW = `
const cloud = ${requireFromRepo('wx-server-sdk')};
const platform = ${requireFromRepo('@cloudbase/node-sdk/dist/utils/cloudplatform.js')};
exports.main = async () => ({
  inScf: platform.checkIsInScf(),
  runEnvTag: await platform.getCurrRunEnvTag(),
  context: cloud.getWXContext(),
  triggerSrc: process.env.TRIGGER_SRC ?? null,
  triggerToken: Boolean(process.env.WX_TRIGGER_API_TOKEN_V0),
  scf: [process.env.TENCENTCLOUD_REGION, process.env.SCF_FUNCTIONNAME, process.env.SCF_FUNCTIONVERSION, process.env.SCF_NAMESPACE],
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  offset: new Date('2026-11-29T01:00:00Z').getTimezoneOffset(),
});
`;

describe('the runtime environment, as the SDKs read it', () => {
  const functions = fakeFunctions();
  const instances: FunctionInstance[] = [];
  const start = async (source: string, options: { timeZone?: string } = {}) => {
    const instance = await FunctionInstance.start({
      functionDir: await functions.create(source),
      adminUrl: 'http://127.0.0.1:9/admin',
      nodePath: emulatorNode(),
      ...options,
    });
    instances.push(instance);
    return instance;
  };
  let sdkView: FunctionInstance;
  beforeAll(async () => {
    sdkView = await start(SDK_VIEW);
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await functions.cleanup();
  });

  it('is the cloud function runtime to @cloudbase/node-sdk (checkIsInScf), with the variables the cloud sets', async () => {
    expect(await sdkView.invoke({}, callers.user('oU'))).toMatchObject({
      inScf: true,
      runEnvTag: 'scf',
      scf: ['ap-shanghai', 'getQuota', '$LATEST', 'emulator-env'],
    });
    expect(sdkView.logs.join('\n')).not.toContain('[TCB][ERROR]');
  });

  it('runs functions in UTC, as the cloud does, unless a zone is configured', async () => {
    expect(await sdkView.invoke({}, callers.user('oU'))).toMatchObject({ zone: 'UTC', offset: 0 });
    const newYork = await start(SDK_VIEW, { timeZone: 'America/New_York' });
    expect(await newYork.invoke({}, callers.user('oU'))).toMatchObject({ zone: 'America/New_York', offset: 300 });
  });

  it('gives a timer run in variant a a context with SOURCE wx_trigger', async () => {
    expect(await sdkView.invoke(timerEvent(), callers.timer())).toMatchObject({
      context: { OPENID: '', APPID: EMULATED_CREDENTIALS.appId, SOURCE: 'wx_trigger', ENV: 'emulator-env' },
      triggerSrc: null,
    });
  });

  it('gives a timer run in variants b and c an empty context, c marked only by TRIGGER_SRC and its token', async () => {
    const b = (await sdkView.invoke(timerEvent(), callers.timer({ variant: 'b' }))) as Record<string, unknown>;
    expect({ context: b.context, triggerSrc: b.triggerSrc, triggerToken: b.triggerToken }).toEqual({
      context: {},
      triggerSrc: null,
      triggerToken: false,
    });
    const c = (await sdkView.invoke(timerEvent({ type: 'timer' }), callers.timer({ variant: 'c' }))) as Record<
      string,
      unknown
    >;
    expect({ context: c.context, triggerSrc: c.triggerSrc, triggerToken: c.triggerToken }).toEqual({
      context: {},
      triggerSrc: 'timer',
      triggerToken: true,
    });
  });

  it('does not carry one invocation caller variables into the next', async () => {
    await sdkView.invoke(timerEvent(), callers.timer({ variant: 'c' }));
    expect(await sdkView.invoke({}, callers.user('oNext'))).toMatchObject({
      context: { OPENID: 'oNext', SOURCE: 'wx_client' },
      triggerSrc: null,
      triggerToken: false,
    });
  });

  it('hands an OPENID made only of digits to the function as a number, as the SDK does', async () => {
    const result = (await sdkView.invoke({}, callers.user(NUMERIC_OPENID))) as { context: { OPENID: unknown } };
    expect(typeof result.context.OPENID).toBe('number');
  });

  it('sees every DNS query and connection the instance makes (the trace behind the no-network tests)', async () => {
    const dialer = await start(
      "exports.main = () => new Promise((resolve) => require('http').get('http://localhost:9/').on('error', () => resolve('refused')));",
    );
    expect(await dialer.invoke({}, callers.user('oU'))).toBe('refused');
    expect(dialer.network).toEqual(
      expect.arrayContaining([
        { kind: 'dns', call: 'lookup', host: 'localhost' },
        expect.objectContaining({ kind: 'connect', host: 'localhost', port: 9 }),
      ]),
    );
  });
});
