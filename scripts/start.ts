import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { systemClock } from '../src/core/clock';
import { createJsonLogger } from '../src/core/logger';
import { renderEnvelope } from '../src/cli/render';
import { createInProcessLogistics } from '../src/emulator/in-process-logistics';
import { parseModelState } from '../src/emulator/state';
import { WechatModel } from '../src/emulator/wechat-model';
import { createHandler } from '../src/function/handler';
import { START_USAGE, parseStartArgs } from './start-args';

const ROOT = path.resolve(__dirname, '..');
const LOCAL_ADMIN_OPENID = 'oLocalAdmin0000000000000000';

async function start(argv: string[]): Promise<number> {
  const options = parseStartArgs(argv);
  if (options.help) {
    process.stdout.write(`${START_USAGE}\n`);
    return 0;
  }
  const statePath = path.resolve(options.statePath ?? path.join(ROOT, 'src/emulator/sample-state.json'));
  const model = new WechatModel(parseModelState(JSON.parse(await readFile(statePath, 'utf8')), statePath));
  const main = createHandler({
    logistics: createInProcessLogistics(model, systemClock),
    getCaller: () => ({ openId: LOCAL_ADMIN_OPENID, source: 'wx_client' }),
    env: { QUOTA_ADMIN_OPENIDS: LOCAL_ADMIN_OPENID },
    clock: systemClock,
    log: createJsonLogger((line) => process.stderr.write(`${line}\n`)),
  });
  const envelope = await main(options.account ?? { all: true });
  process.stdout.write(`${options.json ? JSON.stringify(envelope, null, 2) : renderEnvelope(envelope)}\n`);
  return envelope.ok ? 0 : 1;
}

start(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)} (npm start -- --help lists the options)\n`);
    process.exitCode = 2;
  },
);
