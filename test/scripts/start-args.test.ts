import { parseStartArgs } from '../../scripts/start-args';

describe('parseStartArgs', () => {
  it('lists all accounts by default', () => {
    expect(parseStartArgs([])).toEqual({ json: false, help: false, statePath: undefined, account: undefined });
  });

  it('selects one account with both ids', () => {
    expect(parseStartArgs(['--delivery-id', 'YTO', '--biz-id', 'xyz', '--json'])).toMatchObject({
      json: true,
      account: { deliveryId: 'YTO', bizId: 'xyz' },
    });
  });

  it('refuses one id without the other', () => {
    expect(() => parseStartArgs(['--delivery-id', 'YTO'])).toThrow('--delivery-id and --biz-id go together');
  });

  it('refuses an unknown option', () => {
    expect(() => parseStartArgs(['--bogus'])).toThrow("Unknown option '--bogus'");
  });
});
