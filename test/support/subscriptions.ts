export { DEFAULT_ACCEPTANCES, plantAlertSubscriptions } from '../../emulator/alert-subscriptions';
