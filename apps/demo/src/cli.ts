#!/usr/bin/env node
import { EXIT_FAILURE, PROGRAM_NAME, runDemo } from './cli/run';

// A closed pipe (`pnpm demo | head`) is the reader's choice, not a failure: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  process.exitCode = runDemo(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
} catch (error) {
  // Not a usage error, so a bug or an environment problem: the stack helps whoever reports it.
  const details = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  process.stderr.write(`${PROGRAM_NAME}: ${details}\n`);
  process.exitCode = EXIT_FAILURE;
}
