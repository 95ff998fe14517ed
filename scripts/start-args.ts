import { COMMON_OPTIONS, COMMON_USAGE, accountFromArgs } from '../src/cli/account-args';
import { UsageError, type ArgValues, type OptionDefs } from '../src/cli/strict-args';
import type { GetQuotaParams } from '../src/core/wechat/logistics';
import type { ScriptCommand } from './run-script';

export interface StartOptions {
  json: boolean;
  /** Run a timer invocation instead of the page's `{ all: true }`, and show what the alerts would send. */
  timer: boolean;
  statePath: string | undefined;
  account: GetQuotaParams | undefined;
}

const START_OPTIONS = {
  ...COMMON_OPTIONS,
  state: { type: 'string', hint: "a file holding the emulator's WeChat state" },
  timer: { type: 'boolean' },
} as const satisfies OptionDefs;

export const START_COMMAND: ScriptCommand<typeof START_OPTIONS> = {
  options: START_OPTIONS,
  usage: `Usage: npm start -- [options]

Builds the getQuota cloud function and runs it, unmodified, in the local cloud emulator; prints
every bound courier account with its waybill balance.

Options:
${COMMON_USAGE}
  --state FILE       the emulator's WeChat state (default: emulator/sample-state.json)
  --timer            run the timer trigger instead, and show what the alerts would send

The function's own settings (QUOTA_LOW_THRESHOLD, QUOTA_ALERT_TEMPLATE_ID, QUOTA_ALERT_DATA, …) are
taken from your shell, as the cloud console would set them.

Exit status: 0 every account read; 1 the function failed, or an account's live balance could not be
read; 2 bad options, state file or environment.`,
};

/** `npm start`'s options from its parsed command line; throws a UsageError that says what to fix. */
export function startOptions(values: ArgValues<typeof START_OPTIONS>): StartOptions {
  let account: GetQuotaParams | undefined;
  try {
    account = accountFromArgs(values['delivery-id'], values['biz-id']);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.timer && account)
    throw new UsageError('--timer runs the trigger over every account: give it without --delivery-id and --biz-id.');
  return { json: values.json ?? false, timer: values.timer ?? false, statePath: values.state, account };
}
