import { parseStartArgs } from '../../scripts/start-args';

describe('parseStartArgs', () => {
  it('lists all accounts by default', () => {
    expect(parseStartArgs([])).toEqual({
      json: false,
      timer: false,
      help: false,
      statePath: undefined,
      account: undefined,
    });
  });

  it('runs the timer with --timer, over every account only', () => {
    expect(parseStartArgs(['--timer'])).toMatchObject({ timer: true, account: undefined });
    expect(() => parseStartArgs(['--timer', '--delivery-id', 'YTO', '--biz-id', 'xyz'])).toThrow(
      '--timer runs the trigger over every account: give it without --delivery-id and --biz-id.',
    );
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
