/** `npm run screenshots`: renders the page's states to HTML (see test/screenshots); not part of `npm test`. */
const base = require('./jest.config.js');

module.exports = {
  reporters: ['default'],
  projects: [{ ...base.projectsOf(['**/test/screenshots/*.shots.ts'])[0], displayName: 'screenshots' }],
};
