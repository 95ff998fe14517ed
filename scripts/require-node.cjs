'use strict';
// Runs before every npm script, on whatever Node the user has: plain CommonJS, no newer syntax, so that even
// an old Node reads it and says what is wrong instead of failing somewhere inside the tools.

/** The oldest Node the tools run on: ESLint 10 (in npm test) needs 20.19; the build, tsx and the emulator are tested there. */
const REQUIRED = [20, 19, 0];
const REQUIRED_TEXT = '20.19';

/** The message for `version` ("16.20.2"), or null when it is new enough. */
function nodeVersionProblem(version, script) {
  const parts = String(version).replace(/^v/, '').split('.').map(Number);
  for (let index = 0; index < REQUIRED.length; index += 1) {
    const have = parts[index] || 0;
    if (have > REQUIRED[index]) return null;
    if (have < REQUIRED[index]) {
      return (
        script +
        ' needs Node.js ' +
        REQUIRED_TEXT +
        ' or newer, and this is Node.js ' +
        version +
        ": the project's tools (the build, the local emulator, the tests, ESLint 10) run on " +
        REQUIRED_TEXT +
        '+; the deployed function still runs on every cloud runtime from Node 16. ' +
        'Install the current Node.js LTS from https://nodejs.org and run it again.'
      );
    }
  }
  return null;
}

module.exports = { nodeVersionProblem, REQUIRED_TEXT };

if (require.main === module) {
  let script = process.env.npm_lifecycle_event ? 'npm run ' + process.env.npm_lifecycle_event : 'this command';
  if (script === 'npm run start') script = 'npm start';
  if (script === 'npm run test') script = 'npm test';
  const problem = nodeVersionProblem(process.versions.node, script);
  if (problem) {
    process.stderr.write(problem + '\n');
    process.exit(2);
  }
}
