export { DEFAULT_ACCEPTANCES, plantAlertSubscriptions } from '../../src/emulator/alert-subscriptions';
