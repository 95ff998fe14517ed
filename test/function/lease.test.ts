import { collectionAccess } from '../../src/function/database';
import { createLease } from '../../src/function/alerts/lease';
import { FakeClock } from '../../emulator/fake-clock';
import { CloudDatabase } from '../../emulator/cloud-database';
import { createInProcessDatabase } from '../../emulator/in-process-database';

const TTL = 60_000;

function setup() {
  const clock = new FakeClock();
  const database = new CloudDatabase(clock.now);
  const lease = createLease(
    collectionAccess(() => createInProcessDatabase(database, clock), 'leases'),
    clock,
  );
  return { clock, database, lease };
}

describe('createLease', () => {
  it('lets one owner claim a key, creating the collection on first use, and refuses another until it expires', async () => {
    const { clock, database, lease } = setup();
    expect(await lease.claim('run', 'A', TTL)).toEqual({ status: 'claimed' });
    expect(database.documents('leases')).toEqual([
      { _id: 'run', owner: 'A', expiresAt: clock.now() + TTL, claimedAt: clock.now() },
    ]);
    expect(await lease.claim('run', 'B', TTL)).toEqual({ status: 'held', until: clock.now() + TTL });
    await clock.run(clock.sleep(TTL + 1));
    expect(await lease.claim('run', 'B', TTL)).toEqual({ status: 'claimed' });
  });

  it('gives a released key to the next owner at once, but only its holder can release it', async () => {
    const { clock, lease } = setup();
    await lease.claim('run', 'A', TTL);
    await lease.release('run', 'B');
    expect(await lease.claim('run', 'C', TTL)).toMatchObject({ status: 'held' });
    await lease.release('run', 'A');
    await clock.run(clock.sleep(1));
    expect(await lease.claim('run', 'C', TTL)).toEqual({ status: 'claimed' });
  });

  it("gives a released key only to a claim begun after the release: an earlier one's reads may predate what the holder wrote", async () => {
    const { clock, lease } = setup();
    await lease.claim('run', 'A', TTL);
    await lease.release('run', 'A');
    expect(await lease.claim('run', 'C', TTL)).toEqual({ status: 'held', until: clock.now() });
    await clock.run(clock.sleep(1));
    expect(await lease.claim('run', 'C', TTL)).toEqual({ status: 'claimed' });
  });

  it('does not take a live claim that an instance starting a little later set', async () => {
    const { clock, database, lease } = setup();
    database.plant('leases', [{ _id: 'run', owner: 'B', expiresAt: clock.now() + 1_000 + TTL }]);
    expect(await lease.claim('run', 'A', TTL)).toMatchObject({ status: 'held' });
  });

  it('of two owners racing for a free or expired key, exactly one wins', async () => {
    const { clock, database, lease } = setup();
    database.faults.add({ latencyMs: 30 });
    const first = await clock.run(Promise.all([lease.claim('run', 'A', TTL), lease.claim('run', 'B', TTL)]));
    expect(first.map((claim) => claim.status).sort()).toEqual(['claimed', 'held']);
    await clock.run(clock.sleep(TTL + 1));
    const second = await clock.run(Promise.all([lease.claim('run', 'C', TTL), lease.claim('run', 'D', TTL)]));
    expect(second.map((claim) => claim.status).sort()).toEqual(['claimed', 'held']);
  });

  it('takes over a planted lease whose expiry no claim could set', async () => {
    const { clock, database, lease } = setup();
    database.plant('leases', [{ _id: 'run', owner: 'intruder', expiresAt: clock.now() + 10 * 365 * 86_400_000 }]);
    expect(await lease.claim('run', 'A', TTL)).toEqual({ status: 'claimed' });
  });

  it('reports a lease document it cannot read as tampered', async () => {
    const { database, lease } = setup();
    database.plant('leases', [{ _id: 'run', owner: 'x', expiresAt: 'never' }]);
    expect(await lease.claim('run', 'A', TTL)).toEqual({ status: 'tampered', reason: 'not a lease' });
  });

  it('throws when the database fails, rather than guessing', async () => {
    const { database, lease } = setup();
    database.faults.add({ code: 'SYS_ERR', message: 'connect ECONNREFUSED' });
    await expect(lease.claim('run', 'A', TTL)).rejects.toMatchObject({ errCode: -501001 });
  });
});
