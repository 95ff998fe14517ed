import type { Emulator } from '../../emulator/emulator';
import { callers, timerEvent } from '../../emulator/invocation-context';
import { ALERT_COLLECTION, HISTORY_COLLECTION } from '../../src/contract/values';
import type { QuotaEnvelope } from '../../src/contract/answers';
import { alertsOf } from '../support/alert-report';
import { historyDocuments, steadyPairs, withReadings, ytoAccounts } from '../support/history-kit';
import { ADMIN, emulatorsClosedAfterEach } from './emulator-harness';

const SECOND_ADMIN = 'oAdminE2E00000000000000000002';
const TEMPLATE = 'tmpl-e2e';
const ON = {
  QUOTA_ADMIN_OPENIDS: `${ADMIN},${SECOND_ADMIN}`,
  QUOTA_ALERT_TEMPLATE_ID: TEMPLATE,
  QUOTA_LOW_THRESHOLD: '100',
};
const ACCEPTANCES = 10;

const start = emulatorsClosedAfterEach({ acceptances: ACCEPTANCES, functionEnv: ON });

const timer = (emulator: Emulator) => emulator.invoke(timerEvent(), callers.timer()) as Promise<QuotaEnvelope>;
const received = (emulator: Emulator) => emulator.model.subscriptions.sent.map((message) => message.touser);
const left = (emulator: Emulator, admin: string) => emulator.model.subscriptions.acceptancesLeft(admin, TEMPLATE);

describe('a broken alert memory costs at most one extra message', () => {
  it('quota_alerts failing for four runs: each admin gets the alert once, from the copy in quota_history', async () => {
    const emulator = await start();
    emulator.model.database.faults.add({ collection: ALERT_COLLECTION, code: 'SYS_ERR' });
    const reports = [];
    for (let run = 0; run < 4; run += 1) reports.push(alertsOf(await timer(emulator)));
    expect(received(emulator).sort()).toEqual([ADMIN, SECOND_ADMIN]);
    expect([left(emulator, ADMIN), left(emulator, SECOND_ADMIN)]).toEqual([ACCEPTANCES - 1, ACCEPTANCES - 1]);
    expect(reports[0]).toMatchObject({ claim: 'unavailable', memory: { read: 1, written: 1 } });
    expect(reports.slice(1).map((report) => report?.unchanged.length)).toEqual([1, 1, 1]);
    expect(emulator.instance.logs.join('\n')).toContain('alert memory: a copy was not saved');
  });

  it('the whole database failing for four runs: the alert still goes out, once, remembered by the instance', async () => {
    const emulator = await start();
    emulator.model.database.faults.add({ code: 'SYS_ERR' });
    const reports = [];
    for (let run = 0; run < 4; run += 1) reports.push(alertsOf(await timer(emulator)));
    expect(received(emulator).sort()).toEqual([ADMIN, SECOND_ADMIN]);
    expect(reports.map((report) => report?.memory)).toEqual(Array.from({ length: 4 }, () => ({ read: 0, written: 0 })));
    expect(emulator.instance.logs.join('\n')).toContain('neither copy could be read');

    // The database back: the instance's memory is written down, and nothing is sent again.
    emulator.model.database.faults.clear();
    expect(alertsOf(await timer(emulator))).toMatchObject({ alerted: [], memory: { read: 2, written: 2 } });
    expect(received(emulator)).toHaveLength(2);
    expect(alertsOf(await timer(emulator))).toMatchObject({ alerted: [], memory: { read: 2, written: 2 } });
  });

  it('a memory that cannot be written: the next run on the same instance sends nothing again', async () => {
    const emulator = await start();
    emulator.model.database.faults.add({ action: 'database.modifyDocument', code: 'SYS_ERR' });
    emulator.model.database.faults.add({ action: 'database.insertDocument', code: 'SYS_ERR' });
    await timer(emulator);
    await timer(emulator);
    expect(received(emulator)).toHaveLength(2);
  });
});

describe('a database whose reads time out', () => {
  it('costs neither the live balances nor the alert: sent once, in the first run, and not again', async () => {
    const emulator = await start();
    for (const collection of [ALERT_COLLECTION, HISTORY_COLLECTION])
      emulator.model.database.faults.add({ collection, action: 'database.getDocument', latencyMs: 2_600 });
    const results = [];
    for (let run = 0; run < 3; run += 1) results.push(await timer(emulator));
    const live = results.map((result) =>
      result.ok && 'accounts' in result.data
        ? result.data.accounts.filter((account) => account.quotaSource === 'live').length
        : 0,
    );
    expect(live).toEqual([3, 3, 3]);
    expect(results.map((result) => alertsOf(result)?.sent.length)).toEqual([2, 0, 0]);
    expect(received(emulator).sort()).toEqual([ADMIN, SECOND_ADMIN]);
  }, 30_000);
});

describe('alerts never wait on the history', () => {
  const ACCOUNTS = 1000;
  // Three low accounts, spread over the listing.
  const state = ytoAccounts(ACCOUNTS, (index) => ([7, 480, 993].includes(index) ? 20 + Math.floor(index / 100) : 5000));

  it('a database at 0.9 s a call, 1,000 accounts, 3 low: every admin gets the alert in the first or second run, once', async () => {
    const emulator = await start({ state });
    // A month of history as the timer leaves it: every balance read within the last half hour.
    const readAt = Date.now() - 20 * 60_000;
    emulator.model.database.plant(
      HISTORY_COLLECTION,
      historyDocuments(withReadings(state, (quotaNum) => steadyPairs(3, 3_600_000, quotaNum, readAt))),
    );
    emulator.model.database.faults.add({ latencyMs: 900 });
    const runs = [];
    for (let run = 0; run < 5; run += 1) {
      // Runs are ten minutes apart: a claim a run could not give back in time has expired by the next.
      const claim = emulator.model.database.collections.get(ALERT_COLLECTION)?.get('alerts-run');
      if (claim) claim.expiresAt = 0;
      const started = Date.now();
      const result = await timer(emulator);
      runs.push({ ms: Date.now() - started, alerts: alertsOf(result) });
      expect(result).toMatchObject({ ok: true });
    }
    process.stdout.write(
      `alert storage e2e: database at 0.9 s, ${ACCOUNTS} accounts: ` +
        runs
          .map(({ ms, alerts }) => `${ms} ms sent ${alerts?.sent.length} deferred ${alerts?.deferred.length}`)
          .join('; ') +
        '\n',
    );
    expect(received(emulator).sort()).toEqual([ADMIN, SECOND_ADMIN]);
    const sentIn = runs.findIndex(({ alerts }) => (alerts?.sent.length ?? 0) > 0);
    expect(sentIn).toBeLessThanOrEqual(1);
    expect(runs[sentIn]?.alerts?.alerted.map((account) => account.bizId).sort()).toEqual(['B480', 'B7', 'B993']);
    // Remembered in the database, not only by this instance: a fresh instance sends nothing again.
    expect(runs[sentIn]?.alerts?.memory.written).toBeGreaterThan(0);
    const claim = emulator.model.database.collections.get(ALERT_COLLECTION)?.get('alerts-run');
    if (claim) claim.expiresAt = 0;
    await (await emulator.startInstance()).invoke(timerEvent(), callers.timer());
    expect(received(emulator)).toHaveLength(2);
    expect(emulator.model.callsAfterAnswer()).toEqual([]);
  }, 30_000);
});

describe('upgrading from the first release', () => {
  it('carries its alert records and owed admins over: no duplicate alert on redeploy, nothing left in clear', async () => {
    const emulator = await start();
    const hourAgo = Date.now() - 3_600_000;
    emulator.model.database.plant(ALERT_COLLECTION, [
      { _id: 'ZTO:ZT10086', quotaNum: 12, alertedAt: hourAgo },
      { _id: 'owed-admins', admins: [SECOND_ADMIN] },
    ]);
    const alerts = alertsOf(await timer(emulator));
    // The owed admin gets every low account; the other admin nothing new: ZTO was alerted an hour ago.
    expect(alerts).toMatchObject({ alerted: [], unchanged: [{ deliveryId: 'ZTO' }], sent: [{ touser: SECOND_ADMIN }] });
    expect(received(emulator)).toEqual([SECOND_ADMIN]);
    const ids = emulator.model.database.documents(ALERT_COLLECTION).map((document) => document._id);
    expect(ids).not.toContain('ZTO:ZT10086');
    expect(ids).not.toContain('owed-admins');
    expect(JSON.stringify(emulator.model.database.documents(ALERT_COLLECTION))).not.toContain(SECOND_ADMIN);
    expect(alertsOf(await timer(emulator))).toMatchObject({ alerted: [], sent: [] });
  });
});
