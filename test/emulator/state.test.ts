import sampleState from '../../emulator/sample-state.json';
import { parseModelStateText } from '../../emulator/state';

const withAccounts = (accounts: unknown[]) => JSON.stringify({ couriers: sampleState.couriers, accounts });
const refusal = (text: string) => {
  try {
    parseModelStateText(text, 'my-state.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the state to be refused');
};

describe("the emulator state file, checked with the function's own rules", () => {
  it('accepts the sample, and a file that starts with a UTF-8 byte-order mark', () => {
    expect(parseModelStateText(`\uFEFF${JSON.stringify(sampleState)}`, 'x').accounts).toHaveLength(
      sampleState.accounts.length,
    );
  });

  it.each([
    [
      { deliveryId: 'Y T O', bizId: 'a', quotaNum: 1 },
      'accounts.0.deliveryId (account Y T O/a): must contain only letters, digits',
    ],
    [
      { deliveryId: 'YTO', bizId: ' padded ', quotaNum: 1 },
      'accounts.0.bizId (account YTO/ padded ): must not start or end with spaces',
    ],
    [{ deliveryId: 'YTO', bizId: 'x'.repeat(65), quotaNum: 1 }, 'accounts.0.bizId (account YTO/xxxx'],
    [
      { deliveryId: 'YTO', bizId: 'big', quotaNum: 2 ** 53 },
      'accounts.0.quotaNum (account YTO/big): must be at most 2^53 - 1',
    ],
    [
      { deliveryId: 'YTO', bizId: 'big', quotaNum: 1, snapshotQuotaNum: 1e20 },
      'accounts.0.snapshotQuotaNum (account YTO/big): must be at most 2^53 - 1',
    ],
  ])('refuses what the function would refuse, naming the account: %p', (account, message) => {
    expect(refusal(withAccounts([account]))).toContain(message);
  });

  it('refuses an account or a courier listed twice, naming both places', () => {
    const twice = withAccounts([
      { deliveryId: 'YTO', bizId: 'xyz', quotaNum: 1 },
      { deliveryId: 'ZTO', bizId: 'xyz', quotaNum: 1 },
      { deliveryId: 'YTO', bizId: 'xyz', quotaNum: 2 },
    ]);
    expect(refusal(twice)).toContain('accounts.2 (account YTO/xyz): repeats accounts.0');
    const couriers = JSON.stringify({ couriers: [sampleState.couriers[0], sampleState.couriers[0]], accounts: [] });
    expect(refusal(couriers)).toContain('couriers.1.deliveryId (courier YTO): repeats couriers.0');
  });

  it('names an unknown top-level key and the keys a state has', () => {
    expect(refusal(JSON.stringify({ ...sampleState, acounts: [] }))).toBe(
      'my-state.json is not a valid emulator state: unknown top-level key "acounts": a state has only "couriers", "accounts" and "history".',
    );
  });

  it('takes a stretch of history per listed account, and names an entry for an account it does not list', () => {
    const history = [{ deliveryId: 'YTO', bizId: 'xyz', days: 30, dailyUsage: 100 }];
    expect(() => parseModelStateText(JSON.stringify({ ...sampleState, history }), 'my-state.json')).not.toThrow();
    expect(refusal(JSON.stringify({ ...sampleState, history: [{ ...history[0], bizId: 'nope' }] }))).toBe(
      'my-state.json is not a valid emulator state: history.0 (history of YTO/nope): names no account of "accounts": history is kept for listed accounts only.',
    );
  });

  it('says a file is not JSON', () => {
    expect(refusal('{ couriers: [] }')).toMatch(/^my-state\.json is not valid JSON: /);
  });
});
