/**
 * The cloud function's name: its folder under cloudfunctions/, what deploy uploads and the emulator
 * reports. The page's own copy (miniprogram/config.ts) is pinned to it by test/miniprogram/shared-values.test.ts.
 */
export const FUNCTION_NAME = 'getQuota';
