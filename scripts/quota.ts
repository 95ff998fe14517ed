import { runQuotaCommand } from '../src/cli/quota-command';
import { runScript } from './run-script';

// The command's own lines start with `quota:`; so does anything it did not expect.
void runScript(
  () =>
    runQuotaCommand({
      argv: process.argv.slice(2),
      env: process.env,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      // Loaded only for --demo: a real run never loads the emulator.
      startDemo: async () => (await import('./quota-demo')).startDemoBackEnd(),
    }),
  { name: 'quota' },
);
