import { parseStrictArgs } from '../../src/cli/strict-args';
import { START_COMMAND, startOptions } from '../../scripts/start-args';

const parseStartArgs = (argv: string[]) => startOptions(parseStrictArgs(argv, START_COMMAND.options));

describe("npm start's options", () => {
  it('lists all accounts by default', () => {
    expect(parseStartArgs([])).toEqual({ json: false, timer: false, statePath: undefined, account: undefined });
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

  it('refuses an unknown option and a repeated one, as npm run quota does', () => {
    expect(() => parseStartArgs(['--bogus'])).toThrow('unknown option "--bogus"');
    expect(() => parseStartArgs(['--state', 'a.json', '--state=b.json'])).toThrow(
      '--state is given more than once: give it once',
    );
  });
});
