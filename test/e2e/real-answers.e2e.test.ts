import type { AllAccounts, BalancesEnvelope } from '../../src/contract/answers';
import type { Emulator } from '../../emulator/emulator';
import { callers } from '../../emulator/runtime';
import { REAL_ANSWER_SCENARIOS, accountListFault, accountsOf } from '../support/real-answers';
import { ADMIN, startSampleEmulator } from './emulator-harness';

describe("WeChat's real answers, through the built bundle and the real SDK", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startSampleEmulator({ functionEnv: { QUOTA_ALERT_TEMPLATE_ID: 'tmpl-low-balance' } });
  });
  afterEach(() => {
    emulator.model.clearFaults();
    emulator.model.calls.length = 0;
    emulator.model.sentMessages.length = 0;
    // Each scenario starts without history: a stored reading newer than the snapshot would be shown instead of it.
    emulator.model.database.collections.delete('quota_history');
  });
  afterAll(async () => {
    expect(emulator.instance.unhandledRejections).toEqual([]);
    await emulator.close();
  });

  it.each(REAL_ANSWER_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_name, scenario) => {
      scenario.faults.forEach((fault) => emulator.model.addFault(fault));
      scenario.check((await emulator.invoke(scenario.event, callers.user(ADMIN))) as BalancesEnvelope);
    },
  );

  it('2 and 3. a timer run with a malformed row and an account listed twice checks the others and alerts the low one once', async () => {
    emulator.model.addFault(
      accountListFault((rows) => [
        ...rows,
        { delivery_id: 'YUNDA', status_code: 1.5 },
        ...rows.filter((row) => row.biz_id === 'ZT10086'),
      ]),
    );
    const result = (await emulator.invoke(
      { Type: 'Timer', TriggerName: 'dailyQuotaCheck' },
      callers.timer(),
    )) as BalancesEnvelope;
    expect(accountsOf(result).filter((account) => account.error?.code === 'UPSTREAM_INVALID')).toHaveLength(1);
    expect(accountsOf(result).filter((account) => account.bizId === 'ZT10086')).toHaveLength(1);
    expect(emulator.model.sentMessages.map((message) => message.touser)).toEqual([ADMIN]);
    expect((result as { data: AllAccounts & { alerts: { sent: unknown[] } } }).data.alerts.sent).toHaveLength(1);
  });
});
