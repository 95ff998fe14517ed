import type { AllAccounts, QuotaEnvelope } from '../../src/contract/answers';
import { startCloudServer, type CloudServer } from '../../emulator/cloud-server';
import { deployedPermissions } from '../../emulator/emulator';
import { FunctionInstance, callers } from '../../emulator/runtime';
import sampleState from '../../emulator/sample-state.json';
import { WechatModel } from '../../emulator/wechat-model';
import { startTamperingProxy, type TamperingProxy } from '../support/attack/tampering-proxy';
import { builtFunctionDir, emulatorNode } from '../support/built-function';
import { ADMIN } from './emulator-harness';

/**
 * A dripping answer on the cloud path: the real SDK's socket timeout restarts with every byte, so an
 * open-API answer that drips would hold the call for as long as it drips. The function must answer by
 * its own deadline anyway.
 */
describe('the built bundle against an open API whose answer drips one byte at a time', () => {
  let cloud: CloudServer;
  let proxy: TamperingProxy;
  let instance: FunctionInstance;
  beforeAll(async () => {
    const model = new WechatModel(sampleState);
    cloud = await startCloudServer({ model, permissions: await deployedPermissions(builtFunctionDir()) });
    proxy = await startTamperingProxy({
      target: new URL(cloud.adminUrl).origin,
      rules: [{ when: (_path, body) => body.includes('logistics.getQuota'), dripEveryMs: 150 }],
    });
    // The runtime's own limit is set far away: only the function's deadline may end these invocations.
    instance = await FunctionInstance.start({
      functionDir: builtFunctionDir(),
      adminUrl: `${proxy.baseUrl}/admin`,
      functionEnv: { QUOTA_ADMIN_OPENIDS: ADMIN },
      nodePath: emulatorNode(),
      timeoutMs: 30_000,
    });
  });
  afterAll(async () => {
    expect(instance.unhandledRejections).toEqual([]);
    await instance.close();
    await proxy.close();
    await cloud.close();
  });

  const asAdmin = (event: unknown) => instance.invoke(event, callers.user(ADMIN)) as Promise<QuotaEnvelope>;

  it('abandons a single query at the deadline, mid-answer, and says so', async () => {
    const before = proxy.drips.length;
    const result = await asAdmin({ deliveryId: 'YTO', bizId: 'xyz' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'UPSTREAM_UNAVAILABLE',
        message: expect.stringContaining("did not answer before this call's time budget ran out"),
      },
    });
    const drips = proxy.drips.slice(before);
    expect(drips).toHaveLength(1);
    expect(drips[0]!.sent).toBeLessThan(drips[0]!.total);
  }, 20_000);

  it('answers every account by the deadline, each dripping query abandoned with its snapshot shown', async () => {
    const before = proxy.drips.length;
    const result = await asAdmin({ all: true });
    const accounts = (result as { data: AllAccounts }).data.accounts.filter((account) => account.status === 'bound');
    expect(accounts.map((account) => account.error?.code)).toEqual([
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_UNAVAILABLE',
    ]);
    expect(accounts.find((account) => account.bizId === 'xyz')).toMatchObject({
      quotaNum: 260,
      quotaSource: 'snapshot',
    });
    expect(proxy.drips.slice(before).every((drip) => drip.sent < drip.total)).toBe(true);
  }, 20_000);
});
