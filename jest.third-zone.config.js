const base = require('./jest.config');

/**
 * Set here rather than in the npm script (`TZ=… jest` is POSIX shell syntax that cmd and PowerShell do
 * not read): jest's workers inherit this environment, and Node applies a changed TZ at once.
 */
const ZONE = 'America/New_York';
process.env.TZ = ZONE;
process.env.EMULATOR_TZ = ZONE;

/**
 * The suites whose texts for people are in China time, run again with this process and the emulated
 * function in a third zone (this config sets TZ and EMULATOR_TZ): what users read must
 * never depend on the zone a process runs in. Add a suite here when it renders times for people.
 */
const TIME_SENSITIVE = [
  'alert-message.test.ts',
  'alerts.test.ts',
  'alerts.e2e.test.ts',
  'page-text.test.ts',
  'third-zone.check.ts',
];

/** @type {import('jest').Config} */
module.exports = { reporters: base.reporters, projects: base.projectsOf(TIME_SENSITIVE.map((file) => `**/${file}`)) };
