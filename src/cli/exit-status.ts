/** The quota command's exit statuses, which every script shares (scripts/run-script.ts): one meaning each. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, LOW: 3 } as const;
