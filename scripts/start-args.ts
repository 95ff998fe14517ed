import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, COMMON_USAGE, accountFromArgs } from '../src/cli/account-args';
import type { GetQuotaParams } from '../src/core/logistics';

export interface StartOptions {
  json: boolean;
  help: boolean;
  statePath: string | undefined;
  account: GetQuotaParams | undefined;
}

export const START_USAGE = `Usage: npm start -- [options]

Builds the getQuota cloud function and runs it, unmodified, in the local cloud emulator; prints
every bound courier account with its waybill balance.

Options:
${COMMON_USAGE}
  --state FILE       the emulator's WeChat state (default: src/emulator/sample-state.json)`;

/** Parses `npm start` arguments; throws an Error whose message says what to fix. */
export function parseStartArgs(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, state: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  return {
    json: values.json ?? false,
    help: values.help ?? false,
    statePath: values.state,
    account: accountFromArgs(values['delivery-id'], values['biz-id']),
  };
}
