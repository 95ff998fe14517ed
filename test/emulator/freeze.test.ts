import { canFreezeInstances } from '../../emulator/freezing';
import { readFileSync } from 'node:fs';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { callers } from '../../emulator/runtime';
import type { FunctionInstance } from '../../emulator/runtime';
import { emulatorNode } from '../support/built-function';
import { fakeFunctions } from '../support/fake-function';

/** Posts one database request to the cloud: now (`call`), after a delay it leaves behind (`leave`), after holding (`hold`). */
const SOURCE = `
const http = require('http');
const url = JSON.parse(process.env.TCB_CONTEXT_CNFG).URL;
const post = (collectionName) => new Promise((resolve) => {
  const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => { res.resume(); res.on('end', resolve); });
  req.on('error', resolve);
  req.end(JSON.stringify({ action: 'database.getDocument', collectionName }));
});
exports.main = async (event) => {
  if (event.leave) setTimeout(() => post('left-behind'), event.leave);
  if (event.call) await post('during');
  if (event.hold) await new Promise((resolve) => setTimeout(resolve, event.hold));
  return 'ok';
};
`;

const processState = (instance: FunctionInstance) =>
  readFileSync(`/proc/${(instance as unknown as { child: { pid: number } }).child.pid}/stat`, 'utf8').split(' ')[2];
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A stop signal takes effect when the kernel next schedules the process: poll briefly. */
async function stateSoon(instance: FunctionInstance, expected: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 50 && processState(instance) !== expected; attempt += 1) await wait(10);
  return processState(instance);
}

// Windows has no SIGSTOP: there the emulator leaves idle instances running (emulator/freezing.ts).
(canFreezeInstances() ? describe : describe.skip)('freezing between invocations, and overlapping instances', () => {
  const functions = fakeFunctions();
  let emulator: Emulator;
  const requests = () => emulator.model.database.requests;

  beforeEach(async () => {
    emulator = await startEmulator({
      functionDir: await functions.create(SOURCE),
      nodePath: emulatorNode(),
      timeoutMs: 1_000,
    });
  });
  afterEach(() => emulator.close());
  afterAll(() => functions.cleanup());

  it('freezes the instance once it answers: work left behind makes no progress until the next invocation thaws it', async () => {
    expect(await emulator.invoke({ leave: 30 }, callers.timer())).toBe('ok');
    expect(emulator.instance.isFrozen).toBe(true);
    if (process.platform === 'linux') expect(await stateSoon(emulator.instance, 'T')).toBe('T');
    await wait(300);
    expect(requests()).toEqual([]);
    await emulator.invoke({ hold: 200 }, callers.timer());
    expect(requests()).toEqual([
      expect.objectContaining({
        collection: 'left-behind',
        invocationId: '1.1',
        afterAnswer: true,
        startedAfterAnswer: true,
      }),
    ]);
  });

  it('places a request made while the invocation runs before its answer', async () => {
    await emulator.invoke({ call: true }, callers.timer());
    expect(requests()).toEqual([
      expect.objectContaining({
        collection: 'during',
        invocationId: '1.1',
        afterAnswer: false,
        startedAfterAnswer: false,
      }),
    ]);
    expect(emulator.model.invocations.records).toEqual([
      expect.objectContaining({ id: '1.1', instance: 1, outcome: 'answered', endedAt: expect.any(Number) }),
    ]);
  });

  it('freezes an instance whose invocation timed out, as the cloud does', async () => {
    await expect(emulator.invoke({ hold: 5_000 }, callers.timer())).rejects.toThrow(
      'did not answer within its 1000 ms timeout',
    );
    expect(emulator.instance.isFrozen).toBe(true);
    expect(emulator.model.invocations.records[0]).toMatchObject({ outcome: 'timed out' });
  });

  it('runs the same event on two instances at once, against one model', async () => {
    const second = await emulator.startInstance();
    await Promise.all([
      emulator.invoke({ call: true, hold: 200 }, callers.timer()),
      second.invoke({ call: true, hold: 200 }, callers.timer()),
    ]);
    const [one, two] = emulator.model.invocations.records;
    expect([one?.instance, two?.instance]).toEqual([1, 2]);
    expect(one!.startedAt).toBeLessThan(two!.endedAt!);
    expect(two!.startedAt).toBeLessThan(one!.endedAt!);
    expect(
      requests()
        .map((request) => request.invocationId)
        .sort(),
    ).toEqual(['1.1', '2.1']);
    expect(emulator.instances).toHaveLength(2);
  });
});
