import { parseArgs } from 'node:util';

export interface StartOptions {
  json: boolean;
  help: boolean;
  statePath: string | undefined;
  account: { deliveryId: string; bizId: string } | undefined;
}

export const START_USAGE = `Usage: npm start -- [options]

Runs the getQuota cloud function locally against the emulated WeChat back end and
prints every bound courier account with its waybill balance.

Options:
  --delivery-id ID   query one account: the courier id, such as YTO (needs --biz-id)
  --biz-id ID        query one account: the customer code at the courier (needs --delivery-id)
  --state FILE       the emulator's WeChat state (default: src/emulator/sample-state.json)
  --json             print only the function's raw result envelope, as JSON, on stdout
  --help             show this help`;

/** Parses `npm start` arguments; throws an Error whose message says what to fix. */
export function parseStartArgs(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'delivery-id': { type: 'string' },
      'biz-id': { type: 'string' },
      state: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const deliveryId = values['delivery-id'];
  const bizId = values['biz-id'];
  if ((deliveryId === undefined) !== (bizId === undefined)) {
    throw new Error('--delivery-id and --biz-id go together: give both to query one account, or neither to list all.');
  }
  return {
    json: values.json ?? false,
    help: values.help ?? false,
    statePath: values.state,
    account: deliveryId !== undefined && bizId !== undefined ? { deliveryId, bizId } : undefined,
  };
}
