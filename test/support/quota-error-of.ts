import { QuotaError } from '../../src/core/errors/errors';

/** The QuotaError `run` throws; the test fails when it throws none (or something else). */
export function quotaErrorOf(run: () => unknown): QuotaError {
  try {
    run();
  } catch (error) {
    if (error instanceof QuotaError) return error;
  }
  throw new Error('expected a QuotaError');
}
