/**
 * Two projects, one run (`npm test` runs both): the unit suites, in-process and fast, and the end-to-end
 * suites, which run the built bundle (and so need the build that their global setup makes once), start
 * processes or start the emulator's servers.
 * `npx jest --selectProjects unit` runs the first alone, without building.
 */

/** The suites that run the built bundle (in the emulator, or its files). */
const BUNDLE_SUITES =
  '/test/(e2e|emulator)/|/test/miniprogram/contract\\.test\\.ts$|/test/robustness/fuzz-rows\\.test\\.ts$';
/** The suites that start processes (the commands, node itself) or the emulator's servers: real time, not in-process. */
const PROCESS_SUITES =
  '/test/scripts/(command-lines|start|start-inputs|doctor-script|build-function|code-cache|require-node|sdk-key-order)\\.test\\.ts$' +
  '|/test/cli/quota-(options|notify)\\.test\\.ts$|/test/doctor/doctor-(local|secrets)\\.test\\.ts$';
const END_TO_END = `${BUNDLE_SUITES}|${PROCESS_SUITES}`;

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2021' } }] },
};

/** Both projects, each running only the files of `testMatch` that are its own. */
function projects(testMatch = shared.testMatch) {
  return [
    { ...shared, testMatch, displayName: 'unit', testPathIgnorePatterns: [END_TO_END] },
    {
      ...shared,
      testMatch,
      displayName: 'end-to-end',
      testPathIgnorePatterns: [`^(?!.*(${END_TO_END}))`],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ];
}

/** @type {import('jest').Config} */
module.exports = {
  projects: projects(),
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
// Not a Jest option: for the configs that reuse these projects (third zone, screenshots).
Object.defineProperty(module.exports, 'projectsOf', { value: projects, enumerable: false });
