import path from 'node:path';
import { HOUR_MS } from '../../src/core/forecast/balance-points';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { callers, timerEvent } from '../../emulator/invocation-context';
import { WechatModel } from '../../emulator/wechat-model';
import type { AccountsResult, QuotaEnvelope } from '../../src/contract/answers';
import { HISTORY_COLLECTION } from '../../src/contract/values';
import { fallingPairs, historyDocuments, withReadings, ytoAccounts } from '../../emulator/stored-history';
import { runScript } from '../run-script';
import { kib, ratio, table } from './stats';

const ADMIN = 'oBenchAdmin000000000000000001';
/** What the timer leaves at its cap: four readings an hour. */
const READINGS_PER_HOUR = 4;
/** Every open-API call takes this long, as in the 1,000-accounts section. */
const WECHAT_LATENCY_MS = 100;
const ACCOUNT_COUNTS = [50, 1000];
const HISTORY_DAYS = [1, 35];
const DATABASE_LATENCIES_MS = [20, 100];

interface Figures {
  wallMs: number;
  cpuMs: number;
  calls: number;
  bytesReceived: number;
  bytesSent: number;
  withBalance: number;
  withForecast: number;
  live: number;
  kept: number | undefined;
}

/** One emulator with `accounts` accounts and `days` of history, every reading until 10 minutes ago. */
async function emulatorWith(functionDir: string, accounts: number, days: number, latencyMs: number): Promise<Emulator> {
  const state = ytoAccounts(accounts, (index) => 20_000 + index);
  const model = new WechatModel(state);
  for (const api of ['logistics.getQuota', 'logistics.getAllAccount', 'logistics.getAllDelivery'])
    model.addFault({ api, latencyMs: WECHAT_LATENCY_MS });
  const now = Date.now();
  const step = HOUR_MS / READINGS_PER_HOUR;
  // Readings up to ten minutes ago, staggered over the timer's rounds, so that a timer run has a share to refresh.
  model.database.plant(
    HISTORY_COLLECTION,
    historyDocuments(
      withReadings(state, (quotaNum) =>
        fallingPairs(days * 24 * READINGS_PER_HOUR, step, quotaNum, 2, now - 10 * 60_000 - (quotaNum % 50) * 60_000),
      ),
      now,
    ),
  );
  model.database.faults.add({ latencyMs });
  return startEmulator({ functionDir, model, functionEnv: { QUOTA_ADMIN_OPENIDS: ADMIN } });
}

/** One invocation on a fresh emulator, after a first one that pays the instance's cold start. */
async function measureOn(
  functionDir: string,
  accounts: number,
  days: number,
  latencyMs: number,
  event: unknown,
  caller: Parameters<Emulator['invoke']>[1],
): Promise<Figures> {
  const emulator = await emulatorWith(functionDir, accounts, days, latencyMs);
  try {
    await emulator.invoke({ deliveryId: 'YTO', bizId: 'B0' }, callers.user(ADMIN));
    return await measure(emulator, event, caller);
  } finally {
    await emulator.close();
  }
}

async function measure(
  emulator: Emulator,
  event: unknown,
  caller: Parameters<Emulator['invoke']>[1],
): Promise<Figures> {
  const cpuBefore = emulator.instance.mainThreadCpuMs() ?? 0;
  const started = Date.now();
  const envelope = (await emulator.invoke(event, caller)) as QuotaEnvelope;
  const wallMs = Date.now() - started;
  const cpuMs = (emulator.instance.mainThreadCpuMs() ?? 0) - cpuBefore;
  const traffic = emulator.model.invocations.records.at(-1)!.database;
  const data = (envelope.ok ? envelope.data : undefined) as AccountsResult | undefined;
  const accounts = data?.accounts ?? [];
  return {
    wallMs,
    cpuMs,
    calls: traffic.calls,
    bytesReceived: traffic.bytesReceived,
    bytesSent: traffic.bytesSent,
    withBalance: accounts.filter((account) => account.quotaSource === 'live' || account.quotaSource === 'stored')
      .length,
    withForecast: accounts.filter((account) => account.forecast.daysLeft !== null).length,
    live: accounts.filter((account) => account.quotaSource === 'live').length,
    kept: data?.history?.kept,
  };
}

export async function storageMarkdown(functionDir: string): Promise<{ markdown: string; headline: string }> {
  const rows: string[][] = [];
  const pageBytes = new Map<string, number>();
  for (const accounts of ACCOUNT_COUNTS)
    for (const latencyMs of DATABASE_LATENCIES_MS)
      for (const days of HISTORY_DAYS) {
        const page = await measureOn(functionDir, accounts, days, latencyMs, { all: true }, callers.user(ADMIN));
        const timer = await measureOn(functionDir, accounts, days, latencyMs, timerEvent(), callers.timer());
        pageBytes.set(`${accounts}/${latencyMs}/${days}`, page.bytesReceived);
        for (const [kind, figures] of [
          ['page', page],
          ['timer run', timer],
        ] as const)
          rows.push([
            kind,
            String(accounts),
            `${days} d`,
            `${latencyMs} ms`,
            `${figures.withBalance} / ${accounts}`,
            `${figures.withForecast}`,
            `${figures.live} / ${figures.kept ?? '—'}`,
            String(figures.calls),
            kib(figures.bytesReceived),
            kib(figures.bytesSent),
            `${figures.wallMs} ms`,
            `${figures.cpuMs.toFixed(0)} ms`,
          ]);
      }
  const growth = (accounts: number, latencyMs: number) =>
    ratio(pageBytes.get(`${accounts}/${latencyMs}/35`) ?? 0, pageBytes.get(`${accounts}/${latencyMs}/1`) ?? 1);
  const monthKiB = ((pageBytes.get('1000/100/35') ?? 0) / 1024).toFixed(0);
  const headline =
    `A page of 1,000 accounts with 35 days of history reads **${monthKiB} KiB** from the database ` +
    `(${growth(1000, 100)} what one day costs; before this layout about 18.6 MB).`;
  const markdown = `## The history's cost

The built bundle in the emulator, through the cloud database's real wire protocol (so the SDK's synchronous
decoding is paid in the function's CPU time), with every open-API call taking ${WECHAT_LATENCY_MS} ms and every database
call the latency given. The history holds ${READINGS_PER_HOUR} readings an hour per account (the cap) for a day or
for ${HISTORY_DAYS.at(-1)} days, the latest read 10–60 minutes ago, as the timer leaves it. "Page" is \`{ "all": true }\`
as an admin; "timer run" a run of the trigger; each on its own emulator, after one single-account query has paid
the instance's cold start. Bytes are the bodies of the database's answers
(read, what the SDK decodes) and of the function's requests (sent); CPU is the function process's main thread.

${table(
  [
    'invocation',
    'accounts',
    'history',
    'database',
    'with a balance (live or ≤ 1 h)',
    'with days left',
    'live readings / kept',
    'database calls',
    'read',
    'sent',
    'wall',
    'CPU',
  ],
  rows,
)}

A page's read does not grow with the history: ${HISTORY_DAYS.at(-1)} days cost ${growth(1000, 20)} the bytes of one day at
1,000 accounts (${growth(50, 20)} at 50). Before this layout, the same page read the whole history of every
account: about 18.6 MB of EJSON at 1,000 accounts and 35 hourly days, 0.9 s of CPU to decode, and it answered with
no live balance at all (issue 21).`;
  return { markdown, headline };
}

// Alone (`npx tsx scripts/bench/storage.ts <built getQuota folder>`): prints this section.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) {
  void runScript(
    async () => {
      const dir = process.argv[2];
      if (!dir) throw new Error('usage: npx tsx scripts/bench/storage.ts <built getQuota folder>');
      process.stdout.write(`${(await storageMarkdown(path.resolve(dir))).markdown}\n`);
    },
    { name: 'scripts/bench/storage.ts' },
  );
}
