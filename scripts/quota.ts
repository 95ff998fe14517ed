import { runQuotaCommand } from '../src/cli/quota-command';

runQuotaCommand({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // Loaded only for --demo: a real run never loads the emulator.
  startDemo: async () => (await import('./quota-demo')).startDemoBackEnd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`quota: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
