import path from 'node:path';
import { HOUR_MS } from '../../src/core/forecast/balance-points';
import { systemClock, type Clock } from '../../src/core/clock';
import { silentLogger } from '../../src/core/logger';
import { createInProcessOpenApi } from '../../emulator/in-process-openapi';
import { WechatModel } from '../../emulator/wechat-model';
import { TIMER_REFRESH_AFTER_MS } from '../../src/function/balances';
import { TIMER_EVERY_MINUTES } from '../../src/contract/values';
import * as otherRequests from '../../src/function/lazy-requests';
import { createHandler } from '../../src/function/handler';
import type { AccountsResult, QuotaEnvelope } from '../../src/contract/answers';
import { FakeClock } from '../../emulator/fake-clock';
import { MapBalanceHistory } from '../../emulator/map-balance-history';
import { runScript } from '../run-script';
import { median, ms, table } from './stats';

export const SCALE_ACCOUNTS = 1000;
export const SCALE_CALL_LATENCY_MS = 100;
const MINUTE = 60_000;
const SIMULATED_HOURS = 6;
const GET_QUOTA = 'logistics.getQuota';

function model(count: number): WechatModel {
  const wechat = new WechatModel({
    couriers: [{ deliveryId: 'YTO', deliveryName: '圆通速递', canGetQuota: true }],
    accounts: Array.from({ length: count }, (_, index) => ({
      deliveryId: 'YTO',
      bizId: `B${index}`,
      quotaNum: 5000 + index,
      snapshotQuotaNum: 5000,
    })),
  });
  for (const api of [GET_QUOTA, 'logistics.getAllAccount', 'logistics.getAllDelivery'])
    wechat.addFault({ api, latencyMs: SCALE_CALL_LATENCY_MS });
  return wechat;
}

/** The handler with the answers to the list requests already loaded: the virtual clock cannot wait for a dynamic import's real time. */
function handler(wechat: WechatModel, history: MapBalanceHistory, clock: Clock, source: string) {
  return createHandler(
    {
      ...createInProcessOpenApi(wechat, clock),
      openDatabase: () => {
        throw new Error('alerts are off: no run opens the alert database');
      },
      history,
      getCaller: () => ({ source }),
      env: {},
      clock,
      log: silentLogger,
    },
    async () => otherRequests,
  );
}

const accountsOf = (result: QuotaEnvelope): AccountsResult['accounts'] =>
  result.ok && 'accounts' in result.data ? result.data.accounts : [];
const minutes = (value: number) => `${(value / MINUTE).toFixed(0)} min`;

/** The page's `{ all: true }` in real time, history as the timer leaves it: 30 days hourly, last read 0–50 minutes ago. */
async function pageRead(): Promise<string[]> {
  const now = Date.now();
  const history = new MapBalanceHistory(() => now);
  for (let index = 0; index < SCALE_ACCOUNTS; index += 1) {
    const last = now - ((index * 7) % 50) * MINUTE;
    history.plant(
      { deliveryId: 'YTO', bizId: `B${index}` },
      Array.from({ length: 30 * 24 }, (_, hour) => ({ at: last - hour * HOUR_MS, quotaNum: 5000 + index + hour * 3 })),
    );
  }
  const started = Date.now();
  const accounts = accountsOf(await handler(model(SCALE_ACCOUNTS), history, systemClock, 'wx_http')({ all: true }));
  const elapsed = Date.now() - started;
  const stored = accounts.filter((account) => account.quotaSource === 'stored');
  const ages = stored.map((account) => started - Date.parse(account.quotaUpdatedAt ?? ''));
  return [
    ms(elapsed),
    String(accounts.filter((account) => account.quotaSource === 'live').length),
    String(stored.length),
    String(accounts.filter((account) => account.error !== undefined).length),
    ages.length ? `${minutes(median(ages))} / ${minutes(Math.max(...ages))}` : '–',
    String(accounts.filter((account) => account.forecast.daysLeft !== null).length),
  ];
}

interface TimerFigures {
  callsPerHour: number[];
  oldestAfterFirstHour: number;
  fullyStoredAfterMinutes: number;
  pointsPerAccountHour: number;
}

/** Timer runs every TIMER_EVERY_MINUTES on a virtual clock, from an empty history, for SIMULATED_HOURS. */
async function timerRuns(): Promise<TimerFigures> {
  const clock = new FakeClock(Date.UTC(2026, 10, 29, 0, 0, 0));
  const history = new MapBalanceHistory(clock.now);
  const wechat = model(SCALE_ACCOUNTS);
  const main = handler(wechat, history, clock, 'wx_trigger');
  const runsPerHour = 60 / TIMER_EVERY_MINUTES;
  const callsPerHour = Array.from({ length: SIMULATED_HOURS }, () => 0);
  let oldest = 0;
  let fullyStoredAfterMinutes = Number.NaN;
  const start = clock.now();
  for (let run = 0; run < SIMULATED_HOURS * runsPerHour; run += 1) {
    const runStart = start + run * TIMER_EVERY_MINUTES * MINUTE;
    await clock.run(clock.sleep(runStart - clock.now()));
    // The oldest any balance gets: just before a run refreshes it.
    if (run > runsPerHour)
      oldest = Math.max(
        oldest,
        ...[...history.stored.values()].map((series) => clock.now() - (series.at(-1)?.at ?? 0)),
      );
    const before = wechat.callsTo(GET_QUOTA).length;
    const accounts = accountsOf(await clock.run(main({ Type: 'Timer', TriggerName: 'quotaCheck' })));
    callsPerHour[Math.floor(run / runsPerHour)]! += wechat.callsTo(GET_QUOTA).length - before;
    const known = accounts.filter((account) => account.quotaUpdatedAt !== null && account.quotaSource !== 'snapshot');
    if (Number.isNaN(fullyStoredAfterMinutes) && known.length === SCALE_ACCOUNTS)
      fullyStoredAfterMinutes = (clock.now() - start) / MINUTE;
  }
  const points = [...history.stored.values()].reduce((sum, series) => sum + series.length, 0);
  return {
    callsPerHour,
    oldestAfterFirstHour: oldest,
    fullyStoredAfterMinutes,
    pointsPerAccountHour: points / SCALE_ACCOUNTS / SIMULATED_HOURS,
  };
}

export async function scaleMarkdown(): Promise<string> {
  const page = await pageRead();
  const timer = await timerRuns();
  const steady = timer.callsPerHour.slice(1);
  const perHour = Math.max(...steady);
  const listingPerDay = 2 * 24 * (60 / TIMER_EVERY_MINUTES);
  const perDay = (accounts: number) => Math.round((perHour / SCALE_ACCOUNTS) * accounts * 24) + listingPerDay;
  return `## 1,000 accounts

${SCALE_ACCOUNTS} bound accounts, every open-API call taking ${SCALE_CALL_LATENCY_MS} ms, in-process with an in-memory history.

**What the page gets.** \`{ "all": true }\` in real time, with the history the timer leaves (30 days of hourly
readings per account, the latest 0–50 minutes old): the accounts whose stored balance is oldest are queried live,
the rest answered from their latest stored balance (\`quotaSource: "stored"\`, no error), each with a forecast.

${table(['wall time', 'live', 'stored', 'with an error', 'age of stored balances (median / oldest)', 'with a forecast'], [page])}

**What the timer costs.** The trigger every ${TIMER_EVERY_MINUTES} minutes (\`config.json\`: \`0 */${TIMER_EVERY_MINUTES} * * * * *\`), on a virtual
clock for ${SIMULATED_HOURS} hours from an empty history; each run queries only accounts read over
${TIMER_REFRESH_AFTER_MS / MINUTE} minutes ago, oldest first, as many as fit its budget.

${table(
  [
    'getQuota calls per hour (hour 1 … ' + SIMULATED_HOURS + ')',
    'every account stored after',
    'oldest stored balance after the first hour',
    'readings kept per account-hour',
  ],
  [
    [
      timer.callsPerHour.join(' · '),
      `${Math.round(timer.fullyStoredAfterMinutes)} min`,
      minutes(timer.oldestAfterFirstHour),
      timer.pointsPerAccountHour.toFixed(2),
    ],
  ],
)}

So about **${perHour.toLocaleString('en-US')} getQuota calls an hour** for
${SCALE_ACCOUNTS.toLocaleString('en-US')} accounts (one per account about every
${Math.ceil(TIMER_REFRESH_AFTER_MS / MINUTE / TIMER_EVERY_MINUTES) * TIMER_EVERY_MINUTES} minutes),
plus getAllAccount and getAllDelivery once a run:
**${perDay(SCALE_ACCOUNTS).toLocaleString('en-US')} calls a day** for
${SCALE_ACCOUNTS.toLocaleString('en-US')} accounts,
**${perDay(50).toLocaleString('en-US')} a day** for 50 (the daily timer this replaces made one call per account a day).
Each admin's page read adds one call per account it reaches live.

The history here is in memory, so these figures are WeChat's side only. What the history costs in the cloud
database (bytes and calls per page read and per timer run, at 50 and 1,000 accounts, a day or a month of it) is
measured through the emulator's database in [the history's cost](#the-historys-cost).`;
}

// Alone (`npx tsx scripts/bench/scale.ts`): prints this section.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) {
  void runScript(
    async () => {
      process.stdout.write(`${await scaleMarkdown()}\n`);
    },
    { name: 'scripts/bench/scale.ts' },
  );
}
