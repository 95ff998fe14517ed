import { FAULT_CASES, runFaultMatrix, type FaultRow } from '../../src/emulator/fault-matrix';
import { builtFunctionDir, emulatorNode } from '../support/built-function';

describe('the fault matrix, end to end through the emulator', () => {
  let rows: FaultRow[];
  beforeAll(async () => {
    rows = await runFaultMatrix(builtFunctionDir(), emulatorNode());
  }, 60_000);

  it.each(FAULT_CASES.map((faultCase) => [faultCase.name, faultCase] as const))('%s', (name, faultCase) => {
    const row = rows.find((candidate) => candidate.name === name);
    expect(row).toMatchObject({ code: faultCase.expectCode, withinTimeout: true, leaks: [] });
    if (faultCase.expectRetry !== 'when it fits') expect(row?.retried).toBe(faultCase.expectRetry);
  });
});
