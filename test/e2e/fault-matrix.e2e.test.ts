import { FAULT_CASES, runFaultMatrix, type FaultName, type FaultRow } from '../../emulator/drills/fault-matrix';
import { builtFunctionDir, emulatorNode } from '../support/built-function';

interface Expectation {
  /** The envelope code, or `ok`. */
  code: string;
  /** Whether a retry must happen; `when it fits` where one happens only if the jittered delay leaves time for it. */
  retry: boolean | 'when it fits';
}

/** What each fault of the benchmark's matrix must answer: a case added there fails to compile here until it has one. */
const EXPECTED: Record<FaultName, Expectation> = {
  'account not bound (9300525)': { code: 'ACCOUNT_NOT_BOUND', retry: false },
  'courier not supported (9300527)': { code: 'COURIER_NOT_SUPPORTED', retry: false },
  'daily API quota used up (45009)': { code: 'RATE_LIMITED', retry: false },
  'too frequent (9300537)': { code: 'RATE_LIMITED', retry: false },
  'Logistics Assistant not enabled (48001)': { code: 'PERMISSION_DENIED', retry: false },
  'API not declared (-604101)': { code: 'PERMISSION_DENIED', retry: false },
  'cloud system error (-604103)': { code: 'UPSTREAM_UNAVAILABLE', retry: false },
  'system busy once (-1)': { code: 'ok', retry: true },
  'system busy throughout (-1)': { code: 'UPSTREAM_UNAVAILABLE', retry: true },
  'latency beyond the call timeout (2 s)': { code: 'UPSTREAM_UNAVAILABLE', retry: 'when it fits' },
  'connection reset once': { code: 'ok', retry: true },
  'connection reset throughout': { code: 'UPSTREAM_UNAVAILABLE', retry: true },
  'garbage instead of protobuf': { code: 'UPSTREAM_UNAVAILABLE', retry: false },
  'empty answer': { code: 'UPSTREAM_INVALID', retry: false },
  'quota_num as text': { code: 'UPSTREAM_INVALID', retry: false },
  'back end down': { code: 'UPSTREAM_UNAVAILABLE', retry: true },
};

describe('the fault matrix, end to end through the emulator', () => {
  let rows: FaultRow[];
  beforeAll(async () => {
    rows = await runFaultMatrix(builtFunctionDir(), emulatorNode());
  }, 60_000);

  it.each(FAULT_CASES.map(({ name }) => [name, EXPECTED[name]] as const))('%s', (name, expected) => {
    const row = rows.find((candidate) => candidate.name === name);
    expect(row).toMatchObject({ code: expected.code, withinTimeout: true, leaks: [] });
    if (expected.retry !== 'when it fits') expect(row?.retried).toBe(expected.retry);
  });
});
