import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, COMMON_USAGE, accountFromArgs } from '../src/cli/account-args';
import type { GetQuotaParams } from '../src/core/logistics';

export interface StartOptions {
  json: boolean;
  /** Run a timer invocation instead of the page's `{ all: true }`, and show what the alerts would send. */
  timer: boolean;
  help: boolean;
  statePath: string | undefined;
  account: GetQuotaParams | undefined;
}

export const START_USAGE = `Usage: npm start -- [options]

Builds the getQuota cloud function and runs it, unmodified, in the local cloud emulator; prints
every bound courier account with its waybill balance.

Options:
${COMMON_USAGE}
  --state FILE       the emulator's WeChat state (default: src/emulator/sample-state.json)
  --timer            run the timer trigger instead, and show what the alerts would send

The function's own settings (QUOTA_LOW_THRESHOLD, QUOTA_ALERT_TEMPLATE_ID, QUOTA_ALERT_DATA, …) are
taken from your shell, as the cloud console would set them.`;

/** Parses `npm start` arguments; throws an Error whose message says what to fix. */
export function parseStartArgs(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, state: { type: 'string' }, timer: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const account = accountFromArgs(values['delivery-id'], values['biz-id']);
  if (values.timer && account)
    throw new Error('--timer runs the trigger over every account: give it without --delivery-id and --biz-id.');
  return {
    json: values.json ?? false,
    timer: values.timer ?? false,
    help: values.help ?? false,
    statePath: values.state,
    account,
  };
}
