import fc from 'fast-check';
import { accountKey, accountOfLegacyKey, adminKey, legacyAccountKey } from '../../src/core/accounts/account-key';
import { profileDue, PROFILE_REFRESH_MS } from '../../src/function/history/refresh-profiles';
import { chinaDay, chinaDays, readSummaryEntry, shardOf, SHARD_COUNT } from '../../src/function/history/layout';
import { dayRecordPoints } from '../../src/function/history/plan-writes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('account keys', () => {
  it('name no courier, customer code or OPENID, never collide across kinds, and spread over every shard', () => {
    const key = accountKey({ deliveryId: 'YTO', bizId: '韵达义乌网点01' });
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    expect(key).not.toBe(adminKey('YTO\n韵达义乌网点01'));
    expect(accountKey({ deliveryId: 'YT', bizId: 'O\nx' })).not.toBe(accountKey({ deliveryId: 'YT\nO', bizId: 'x' }));
    const shards = new Set(
      Array.from({ length: 400 }, (_, index) => shardOf(accountKey({ deliveryId: 'YTO', bizId: `B${index}` }))),
    );
    expect(shards.size).toBe(SHARD_COUNT);
  });

  it('read back any first-release key, Chinese, spaces and colons included, and refuse what is not one', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z]{2,8}$/),
        fc.string({ minLength: 1, maxLength: 30 }),
        (deliveryId, bizId) => {
          const account = { deliveryId, bizId };
          expect(accountOfLegacyKey(legacyAccountKey(account))).toEqual(account);
        },
      ),
    );
    for (const id of ['owed-admins', 'alerts-run', ':x', 'YTO:', 'YTO:%E0%A4%A'])
      expect(accountOfLegacyKey(id)).toBeUndefined();
  });
});

describe('China days', () => {
  it('turn at midnight China time, whatever the zone the function runs in', () => {
    const midnight = Date.UTC(2026, 11, 6, 16, 0, 0);
    expect(chinaDay(midnight - 1)).toBe(20261206);
    expect(chinaDay(midnight)).toBe(20261207);
    expect(chinaDays(midnight - 3 * DAY + HOUR, midnight + HOUR)).toEqual([20261204, 20261205, 20261206, 20261207]);
  });
});

describe('what goes into a day record', () => {
  const hour = Date.UTC(2026, 11, 7, 2, 0, 0);
  const at = (minute: number, quotaNum: number) => ({ at: hour + minute * 60_000, quotaNum });

  it('at most four readings an account and clock hour, and any rise beyond them (a top-up is where usage hides)', () => {
    const recent = [at(1, 100), at(2, 99), at(3, 98)];
    expect(dayRecordPoints(recent, [at(4, 97), at(5, 96), at(6, 150), at(7, 149)])).toEqual([at(4, 97), at(6, 150)]);
    expect(dayRecordPoints(recent, [at(61, 95)])).toEqual([at(61, 95)]);
  });
});

describe('when a usage profile is recomputed', () => {
  const now = Date.UTC(2026, 11, 7, 2, 0, 0);
  const latest = { at: now - 60_000, quotaNum: 50 };

  it('without one, when it is six hours old, or when a day of history has gathered since it said too little', () => {
    expect(profileDue({ recent: [latest] }, now)).toBe(true);
    const fresh = { computedAt: now - HOUR, firstAt: now - 3 * DAY, perWeekday: [1, 1, 1, 1, 1, 1, 1] };
    expect(profileDue({ recent: [latest], profile: fresh }, now)).toBe(false);
    expect(profileDue({ recent: [latest], profile: { ...fresh, computedAt: now - PROFILE_REFRESH_MS } }, now)).toBe(
      true,
    );
    const young = { computedAt: now - HOUR, firstAt: now - 10 * HOUR, perWeekday: null };
    expect(profileDue({ recent: [latest], profile: young }, now)).toBe(false);
    expect(profileDue({ recent: [latest], profile: { ...young, firstAt: now - 25 * HOUR } }, now)).toBe(true);
    expect(profileDue({ recent: [], profile: undefined }, now)).toBe(false);
  });
});

describe('a stored summary entry', () => {
  const now = Date.UTC(2026, 11, 7, 2, 0, 0);

  it('keeps trusted readings, oldest first, and drops a profile or readings from the future', () => {
    expect(
      readSummaryEntry(
        {
          r: [
            [now - 1000, 5],
            [now - 2000, 6],
            [now + 2 * DAY, 1],
            [now, -3],
          ],
          f: { computedAt: now + 2 * DAY, firstAt: 1, perWeekday: null },
        },
        now,
      ),
    ).toEqual({
      recent: [
        { at: now - 2000, quotaNum: 6 },
        { at: now - 1000, quotaNum: 5 },
      ],
    });
  });

  it('is refused whole when it is not a summary', () => {
    for (const raw of [null, 'x', { r: 'x' }, { r: [[1]] }, { f: { computedAt: 1, firstAt: 1, perWeekday: [1] } }])
      expect(readSummaryEntry(raw, now)).toBeUndefined();
  });
});
