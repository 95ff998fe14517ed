/** `npm run screenshots`: renders the page's states to HTML (see test/screenshots); not part of `npm test`. */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['**/test/screenshots/*.shots.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  reporters: ['default'],
};
