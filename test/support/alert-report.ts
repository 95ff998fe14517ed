import type { AccountsResult } from '../../src/contract/answers';

/** The alert report of a timer run's envelope. */
export const alertsOf = (result: unknown) => (result as { data: AccountsResult }).data.alerts;
